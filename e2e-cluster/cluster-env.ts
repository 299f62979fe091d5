// The cluster under test: two web nodes on PostgreSQL + Redis, runs executed by worker processes
// the spec starts (and kills). Needs TEST_POSTGRES_URL and TEST_REDIS_URL (.ci/run provides both).
export const NODE_A = 3221;
export const NODE_B = 3222;
export const ADMIN_KEY = "hb_cluster-e2e-admin-key-000000000001";

/** One database per test session (set by the config, inherited by the launcher and the test workers). */
export const clusterDatabase = () => process.env.HB_CLUSTER_DB ?? "hb_cluster_e2e";

export function clusterEnv(): Record<string, string> {
  const db = new URL(process.env.TEST_POSTGRES_URL ?? "postgresql://localhost/postgres");
  db.pathname = `/${clusterDatabase()}`;
  return {
    DATABASE_URL: db.toString(),
    REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
    HIVEBOARD_RUNS: "workers",
    HIVEBOARD_ADMIN_API_KEY: ADMIN_KEY,
    HIVEBOARD_INTERNAL_URL: `http://127.0.0.1:${NODE_A}`,
    HIVEBOARD_DATA_DIR: "data/e2e-cluster",
    HIVEBOARD_DEMO_PACE_MS: "250",
    HIVEBOARD_LEASE_MS: "4000",
    HIVEBOARD_SWEEP_MS: "500",
    NODE_ENV: "production",
    HOSTNAME: "127.0.0.1",
    NEXT_TELEMETRY_DISABLED: "1",
  };
}
