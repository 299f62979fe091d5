/** The admin API key the e2e server registers at start (HIVEBOARD_ADMIN_API_KEY), for machine clients. */
export const E2E_ADMIN_KEY = "hb_e2e-admin-key-for-machine-clients-0001";
