#pragma once
// The contact sheet of an eval run: a PNG a person can judge at a glance. A grid of the text-only frames
// (up to 24), each with its prompt (CJK drawn with core/media's TextPainter) and what the attribute probes
// read (green when all four match the prompt, amber otherwise, misses marked '!'); then, for the first
// control prompts, rows of [canny control | frame at each weight] so the control's pull is visible.
#include <string>

#include <opencv2/core.hpp>

#include "core/eval/EvalRunner.h"

namespace shotcraft::eval {

// RGB CV_8UC3.
cv::Mat drawContactSheet(const EvalResults& results, const std::string& title);

// Draws and writes it (PNG). False + *error when it cannot be written.
bool writeContactSheet(const std::string& path, const EvalResults& results, const std::string& title,
                       std::string* error);

}  // namespace shotcraft::eval
