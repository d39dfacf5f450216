#pragma once
// Internal to scenes/: draws a storyboard figure (flat-shaded limbs, torso, head, dark silhouette outline)
// from its Skeleton, so the body sits exactly on the pose map's keypoints. Sitting figures get a seat.
#include "core/scenes/Canvas.h"
#include "core/scenes/Skeleton.h"

namespace shotcraft::scenes {

void paintFigure(Canvas& canvas, const FigureSpec& figure, const Skeleton& skeleton);

}  // namespace shotcraft::scenes
