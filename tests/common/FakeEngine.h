#pragma once
// A deterministic stand-in for the diffusion engine, for the renderer and studio tests: text-to-image draws a
// gradient and a disc whose colours and place depend on the prompt and seed; img2img blends the init image with
// that drawing by the strength, plus an optional colour cast per call (to exercise colour coherence). A request
// that asks for previews gets one per step (1/8 size, every byte 20 * step). The studio tests also make each step
// take a while and count steps from another thread (the options after the counters).
#include <QByteArray>
#include <QCryptographicHash>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "core/engine/Engine.h"

namespace shotcraft::test {

class FakeEngine : public engine::IEngine {
 public:
  engine::EngineInfo info() const override {
    engine::EngineInfo i;
    i.model_name = modelName;
    i.device = "cpu";
    i.precision = "fp32";
    return i;
  }

  engine::GenerationResult generate(const engine::GenerationRequest& req, const engine::ProgressCallback& progress,
                                    const engine::CancelToken& cancel) override {
    engine::GenerationResult r;
    ++calls;
    requests.push_back(req);
    if (beforeCall) beforeCall(calls);
    const bool img2img = req.init_image && !req.init_image->empty();
    const int steps = img2img && img2imgStepsByStrength ? std::max(1, int(req.steps * req.strength)) : req.steps;
    for (int s = 1; s <= steps; ++s) {
      if (cancel.isCancelled()) {
        r.cancelled = true;
        r.error = "cancelled";
        return r;
      }
      if (step_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(step_ms));
      engine::Progress p{s, steps, double(step_ms + s), {}};  // distinct times per step
      if (req.preview_every_step) {
        p.preview = Image(std::max(1, req.width / 8), std::max(1, req.height / 8), 3);
        std::fill(p.preview.data.begin(), p.preview.data.end(), uint8_t(s * 20));
      }
      if (afterStep) afterStep(s);
      if (progress) progress(p);
    }
    if (cancel.isCancelled()) {
      r.cancelled = true;
      r.error = "cancelled";
      return r;
    }
    if (failWith) {
      r.error = "fake failure";
      return r;
    }
    const QByteArray key = QCryptographicHash::hash(QByteArray::fromStdString(req.prompt) + "|" +
                                                        QByteArray::number(qulonglong(req.seed)),
                                                    QCryptographicHash::Sha256);
    auto byte = [&](int i) { return int(uint8_t(key[i])); };
    Image img(req.width, req.height, 3);
    const double cx = req.width * (0.25 + 0.5 * byte(0) / 255.0), cy = req.height * (0.25 + 0.5 * byte(1) / 255.0);
    const double radius = std::min(req.width, req.height) * 0.2;
    for (int y = 0; y < req.height; ++y) {
      for (int x = 0; x < req.width; ++x) {
        uint8_t* p = img.pixel(x, y);
        const bool inDisc = std::hypot(x - cx, y - cy) < radius;
        for (int c = 0; c < 3; ++c) {
          const double g = (c == 0 ? double(x) / req.width : c == 1 ? double(y) / req.height : 0.5);
          p[c] = uint8_t(inDisc ? byte(2 + c) : std::clamp(40.0 + 160.0 * g + byte(5 + c) / 8.0, 0.0, 255.0));
        }
      }
    }
    if (img2img) {
      const Image& init = *req.init_image;
      const double s = req.strength;
      const int cast = castPerCall * (calls - 1);
      for (int y = 0; y < req.height; ++y) {
        for (int x = 0; x < req.width; ++x) {
          const int ix = std::min(init.width - 1, x * init.width / req.width);
          const int iy = std::min(init.height - 1, y * init.height / req.height);
          const uint8_t* ip = init.pixel(ix, iy);
          uint8_t* p = img.pixel(x, y);
          for (int c = 0; c < 3; ++c) {
            const double v = (1.0 - s) * ip[c] + s * p[c] + (c == 0 ? cast : c == 2 ? -cast : 0);
            p[c] = uint8_t(std::clamp(v, 0.0, 255.0));
          }
        }
      }
    }
    r.ok = true;
    r.image = std::move(img);
    return r;
  }

  int calls = 0;
  int castPerCall = 0;  // img2img adds this * (call - 1) to red and takes it from blue
  bool failWith = false;
  std::function<void(int call)> beforeCall;
  std::vector<engine::GenerationRequest> requests;

  std::string modelName = "fake-engine";
  int step_ms = 0;                      // sleep per step
  bool img2imgStepsByStrength = false;  // img2img runs max(1, steps * strength) steps, as the samplers do
  std::function<void(int step)> afterStep;
};

}  // namespace shotcraft::test
