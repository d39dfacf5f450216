#pragma once
// Conversions between the engine's RGB8 Image and OpenCV matrices (the renderer works on RGB CV_8UC3).
#include <opencv2/core.hpp>

#include "core/engine/Image.h"

namespace shotcraft::render {

// A deep copy as CV_8UC3 (RGB) or CV_8UC1 (grey), matching image.channels.
cv::Mat toMat(const Image& image);
// A deep copy of a CV_8UC3 (RGB) or CV_8UC1 matrix.
Image fromMat(const cv::Mat& mat);
// RGB CV_8UC3 of the given size (grey is expanded, other sizes resized with area/cubic interpolation).
cv::Mat toRgbSized(const Image& image, int width, int height);
// Grey CV_8UC1 of an RGB or grey matrix.
cv::Mat toGrey(const cv::Mat& rgbOrGrey);

}  // namespace shotcraft::render
