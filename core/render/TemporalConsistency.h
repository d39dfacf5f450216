#pragma once
// The temporal-consistency ("flicker") figure of a frame sequence.
#include <opencv2/core.hpp>
#include <vector>

#include "core/render/FlowInterpolator.h"

namespace shotcraft::render {

// Mean photometric error between each frame and its flow-warped predecessor: for each pair (i-1, i) the DIS
// flow from frame i to frame i-1 warps frame i-1 onto frame i, and the mean absolute difference (0..255,
// averaged over RGB) is taken over the pixels whose flow lands inside the frame. The figure is the mean over
// pairs; 0 for fewer than two frames. Lower is steadier (see kFlickerWarningThreshold).
double flickerFigure(const std::vector<cv::Mat>& frames, FlowInterpolator& flow);

// The error of one pair (frame `next` against `previous` warped onto it).
double pairError(const cv::Mat& previous, const cv::Mat& next, FlowInterpolator& flow);

}  // namespace shotcraft::render
