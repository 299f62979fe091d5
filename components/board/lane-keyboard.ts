import type { KeyboardCoordinateGetter } from "@dnd-kit/core";

/**
 * Keyboard moves for a picked-up card: ← and → jump to the centre of the neighbouring lane
 * instead of dnd-kit's default 25 px steps, so Space, →, Space moves a card one lane right.
 * The lane it is over is the one dnd-kit says (not a guess from rectangles), and lanes are
 * measured at the key press, so a layout change since the pick-up cannot send it astray.
 */
export const laneKeyboardCoordinates: KeyboardCoordinateGetter = (
  event,
  { context, currentCoordinates },
) => {
  if (event.code !== "ArrowRight" && event.code !== "ArrowLeft") return undefined;
  event.preventDefault();
  const { collisionRect, droppableRects, droppableContainers, over } = context;
  if (!collisionRect) return undefined;
  const lanes = droppableContainers
    .getEnabled()
    .map((c) => ({
      id: c.id,
      rect: c.node.current?.getBoundingClientRect() ?? droppableRects.get(c.id),
    }))
    .filter((l): l is { id: typeof l.id; rect: NonNullable<typeof l.rect> } => Boolean(l.rect))
    .sort((a, b) => a.rect.left - b.rect.left);
  const centre = collisionRect.left + collisionRect.width / 2;
  let here = over ? lanes.findIndex((l) => l.id === over.id) : -1;
  if (here < 0)
    here = lanes.findIndex((l) => centre >= l.rect.left && centre <= l.rect.left + l.rect.width);
  if (here < 0) return currentCoordinates;
  const target = lanes[here + (event.code === "ArrowRight" ? 1 : -1)];
  if (!target) return currentCoordinates;
  // Move by the distance between the lanes' centres: the same in any coordinate space.
  const dx =
    target.rect.left + target.rect.width / 2 - (lanes[here].rect.left + lanes[here].rect.width / 2);
  return { x: currentCoordinates.x + dx, y: currentCoordinates.y };
};
