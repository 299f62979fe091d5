"use server";
import { ACTIONS } from "./catalog";
import { runAction } from "./define-action";

export async function addCommentAction(input: unknown) {
  return runAction(ACTIONS.addComment, input);
}

export async function removeCommentAction(input: unknown) {
  return runAction(ACTIONS.removeComment, input);
}

export async function sendCommentsAction(input: unknown) {
  return runAction(ACTIONS.sendComments, input);
}

export async function submitReviewAction(input: unknown) {
  return runAction(ACTIONS.submitReview, input);
}

export async function mergeEpicAction(input: unknown) {
  return runAction(ACTIONS.mergeEpic, input);
}

export async function resolveConflictsAction(input: unknown) {
  return runAction(ACTIONS.resolveConflicts, input);
}

export async function setForgeAction(input: unknown) {
  return runAction(ACTIONS.setForge, input);
}

export async function openPullRequestAction(input: unknown) {
  return runAction(ACTIONS.openPullRequest, input);
}

export async function syncPullRequestAction(input: unknown) {
  return runAction(ACTIONS.syncPullRequest, input);
}
