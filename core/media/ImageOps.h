#pragma once
// Small RGB8 image operations the exporter needs: letterboxed fit and cross-fade.
#include <opencv2/core.hpp>

#include "core/engine/Image.h"

namespace shotcraft::media {

// A cv::Mat header over the image's pixels (no copy); CV_8UC3 or CV_8UC1.
cv::Mat asMat(Image& image);
cv::Mat asMat(const Image& image);  // a read-only view; do not write through it

// Scales `in` to fit width x height keeping its aspect ratio, centred on black (grey is made RGB).
Image fitImage(const Image& in, int width, int height);

// (1 - t) * a + t * b, both the same size; t in [0, 1].
Image crossFade(const Image& a, const Image& b, double t);

}  // namespace shotcraft::media
