import type { KeyboardCoordinateGetter } from "@dnd-kit/core";

/**
 * Keyboard moves for a picked-up card: ← and → jump to the centre of the neighbouring lane
 * instead of dnd-kit's default 25 px steps, so Space, →, Space moves a card one lane right.
 */
export const laneKeyboardCoordinates: KeyboardCoordinateGetter = (event, { context, currentCoordinates }) => {
  if (event.code !== "ArrowRight" && event.code !== "ArrowLeft") return undefined;
  event.preventDefault();
  const { collisionRect, droppableRects, droppableContainers } = context;
  if (!collisionRect) return undefined;
  const lanes = droppableContainers
    .getEnabled()
    .map((c) => droppableRects.get(c.id))
    .filter((r): r is NonNullable<typeof r> => Boolean(r))
    .sort((a, b) => a.left - b.left);
  const centre = collisionRect.left + collisionRect.width / 2;
  const here = lanes.findIndex((r) => centre >= r.left && centre <= r.left + r.width);
  const target = lanes[(here < 0 ? 0 : here) + (event.code === "ArrowRight" ? 1 : -1)];
  if (!target) return currentCoordinates;
  return { x: target.left + (target.width - collisionRect.width) / 2, y: currentCoordinates.y };
};
