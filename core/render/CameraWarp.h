#pragma once
// The shot's camera path as per-frame 2D transforms, and warps of a frame from one camera state to another.
//
// Conventions (pixel coordinates, x right, y down, pixel centres at integers, C = ((w-1)/2, (h-1)/2)):
//   a scene point at `world` (its position in the rest view: no pan, zoom 1, no roll, no dolly) appears at
//     screen = C + R(-roll) * mag * (world - C - s * (pan_x * w, pan_y * h)),
//   mag = zoom / max(0.1, 1 - dolly * s), R(a) the rotation by a degrees that looks clockwise on screen.
// So pan_x = +0.1 (camera moves right) moves the picture 0.1 w to the left, zoom 2 doubles it about the centre,
// roll +90 (camera rolls clockwise) turns the picture 90 degrees counter-clockwise, dolly +0.5 (camera travels
// half the scene depth forward) magnifies 2x. s is the point's inverse distance relative to the rest plane:
// 1 without a depth map; with one (0..1, 1 = nearest) s = 1 + gain * (depth - 0.5), so near layers pan and
// dolly more than far ones (2.5D parallax).
#include <opencv2/core.hpp>

#include "core/model/CameraPath.h"

namespace shotcraft::render {

// Time of frame `frame` (0-based) at `fps`: frame / fps seconds from the shot's start.
double frameTime_s(int frame, int fps);
// The camera channels at that frame (CameraPath::evaluateAll at frameTime_s).
model::ChannelValues cameraAtFrame(const model::CameraPath& path, int frame, int fps);

// 3x3 homogeneous transform from rest-view positions to this camera's screen, for inverse distance s.
cv::Matx33d cameraMatrix(const model::ChannelValues& camera, int width, int height, double inverseDistance = 1.0);

// 2x3 affine (CV_64F) taking a pixel of the frame seen by camera `from` to where the same (rest-plane) scene
// point is seen by camera `to`: M_to * inverse(M_from).
cv::Mat relativeAffine(const model::ChannelValues& from, const model::ChannelValues& to, int width, int height);

// `src` (seen by `from`) as seen by `to`, same size. Uncovered borders are filled by reflection. Without a
// depth map this is cv::warpAffine of relativeAffine; with one (CV_32FC1 in 0..1, 1 = nearest, aligned with the
// destination view, resized when needed) every pixel moves by its own depth, through cv::remap.
cv::Mat warpView(const cv::Mat& src, const model::ChannelValues& from, const model::ChannelValues& to,
                 const cv::Mat& depth = cv::Mat(), double parallaxGain = 1.0);

// A depth map image (8-bit grey or RGB, white = nearest) as CV_32FC1 in 0..1 at width x height.
cv::Mat depthFromMap(const cv::Mat& map, int width, int height);

}  // namespace shotcraft::render
