#include "core/eval/EvalRunner.h"

#include <chrono>
#include <cmath>
#include <filesystem>
#include <limits>

#include <opencv2/imgproc.hpp>

#include "core/eval/EdgeMatch.h"
#include "core/eval/ProbeFeatures.h"
#include "core/render/MatImage.h"
#include "core/scenes/DatasetWriter.h"
#include "core/scenes/Prompt.h"
#include "core/scenes/Rng.h"

namespace shotcraft::eval {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
using Clock = std::chrono::steady_clock;

Image controlImage(const cv::Mat& map) {
  if (map.channels() == 3) return render::fromMat(map);
  cv::Mat rgb;
  cv::cvtColor(map, rgb, cv::COLOR_GRAY2RGB);
  return render::fromMat(rgb);
}

// The control metric of one output frame against the scene's map.
double controlMetric(int kind, const ProbeSuite& probes, const scenes::SceneSample& scene, const cv::Mat& frame,
                     EdgeScore* edges, double* depth_residual) {
  switch (engine::ControlKind(kind)) {
    case engine::ControlKind::Depth: {
      const cv::Mat truth = DepthProbe::toGrid(scene.depth), estimate = probes.depth().estimate(frame);
      *depth_residual = probes.depth().residualCorrelation(truth, estimate);
      return DepthProbe::correlation(truth, estimate);
    }
    case engine::ControlKind::Canny: {
      const EdgeScore s = edgeF1(scene.canny, cannyEdges(frame));
      if (edges) *edges = s;
      return s.f1;
    }
    case engine::ControlKind::Pose: {
      double sum = 0.0;
      int n = 0;
      for (const scenes::Keypoints& kp : scene.keypoints) {
        const cv::Rect2f box = figureBox(kp);
        if (box.empty()) continue;
        const double e = PoseProbe::relativeError(kp, probes.pose().estimate(frame, box));
        if (e < 0) continue;
        sum += e;
        ++n;
      }
      return n ? sum / n : kNaN;
    }
  }
  return kNaN;
}

}  // namespace

const char* controlKindName(int kind) {
  static const char* names[kControlKinds] = {"depth", "canny", "pose"};
  return kind >= 0 && kind < kControlKinds ? names[kind] : "?";
}

std::array<bool, kControlKinds> controlNetsIn(const std::string& model_dir) {
  namespace fs = std::filesystem;
  std::array<bool, kControlKinds> out{};
  std::error_code ec;
  for (int k = 0; k < kControlKinds; ++k) {
    const std::string name = controlKindName(k);
    out[size_t(k)] = fs::exists(model_dir + "/controlnet-" + name + "/config.json", ec) ||
                     fs::exists(model_dir + "/controlnet/" + name + "/config.json", ec);
  }
  return out;
}

bool EvalRunner::runSample(engine::IEngine& engine, int index, uint64_t scene_seed, SampleResult* out,
                           std::string* error) const {
  const auto start = Clock::now();
  const scenes::SceneSpec spec = scenes::sampleScene(scene_seed);
  const scenes::SceneSample scene =
      scenes::renderScene(spec, kProbeWidth, kProbeHeight, scenes::phrasingSeed(scene_seed));
  out->index = index;
  out->scene_seed = scene_seed;
  out->chinese = index % 2 == 1;
  out->prompt = out->chinese ? scene.prompt_zh : scene.prompt_en;
  out->figures = int(spec.figures.size());
  for (int a = 0; a < kAttributeCount; ++a) {
    out->truth[size_t(a)] = attributeOf(spec, kAttributes[size_t(a)]);
    out->named[size_t(a)] = promptNames(out->prompt, kAttributes[size_t(a)], out->truth[size_t(a)],
                                        out->chinese ? scenes::Language::Chinese : scenes::Language::English);
  }

  engine::GenerationRequest request;
  request.prompt = out->prompt;
  request.width = kProbeWidth;
  request.height = kProbeHeight;
  request.steps = m_options.steps;
  request.cfg_scale = m_options.cfg;
  request.guidance_rescale = m_options.guidance_rescale;
  request.sampler = m_options.sampler;
  request.seed = scenes::mixSeed(scene_seed ^ m_options.seed) >> 11;
  request.preview_every_step = false;

  auto draw = [&](const engine::GenerationRequest& r, cv::Mat* frame) {
    const engine::GenerationResult result = engine.generate(r, {}, engine::CancelToken());
    if (!result.ok) {
      *error = "prompt " + std::to_string(index) + ": " + result.error;
      return false;
    }
    *frame = toProbeSize(render::toRgbSized(result.image, result.image.width, result.image.height));
    return true;
  };
  if (!draw(request, &out->frame)) return false;
  out->read = m_probes.attributes().predict(out->frame);

  const bool sweep = index < m_options.control_count;
  const size_t nw = m_options.weights.size();
  out->depth_residual.assign(nw, kNaN);
  for (int kind = 0; kind < kControlKinds; ++kind) {
    out->control[size_t(kind)].assign(nw, kNaN);
    if (!sweep || !m_options.controls_available[size_t(kind)]) continue;
    if (engine::ControlKind(kind) == engine::ControlKind::Pose && scene.keypoints.empty()) continue;
    const cv::Mat& map = kind == 0 ? scene.depth : kind == 1 ? scene.canny : scene.pose;
    if (kind == 1) out->canny_control = scene.canny;
    for (size_t w = 0; w < nw; ++w) {
      const float weight = m_options.weights[w];
      cv::Mat frame = out->frame;
      if (weight > 0.0f) {
        engine::GenerationRequest r = request;
        engine::ControlInput c;
        c.kind = engine::ControlKind(kind);
        c.image = controlImage(map);
        c.weight = weight;
        c.mode = m_options.control_mode;
        r.controls.push_back(std::move(c));
        if (!draw(r, &frame)) return false;
        if (kind == 1) out->canny_frames.push_back(frame);
      }
      EdgeScore edges;
      out->control[size_t(kind)][w] = controlMetric(kind, m_probes, scene, frame, &edges, &out->depth_residual[w]);
      if (kind == 1 && w + 1 == nw) out->edge_pr_at_max = {edges.precision, edges.recall};
    }
  }
  out->generate_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  return true;
}

bool EvalRunner::run(engine::IEngine& engine, const std::function<void(const std::string&)>& print,
                     EvalResults* results, std::string* error) const {
  const auto start = Clock::now();
  results->options = m_options;
  results->model_name = engine.info().model_name;
  results->samples.clear();
  const std::vector<uint64_t> seeds = holdoutSeeds(m_options.seed, m_options.count);
  const int step = std::max(1, m_options.count / 10);
  for (int i = 0; i < m_options.count; ++i) {
    SampleResult s;
    if (!runSample(engine, i, seeds[size_t(i)], &s, error)) return false;
    results->samples.push_back(std::move(s));
    if ((i + 1) % step == 0 || i + 1 == m_options.count) {
      const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
      print("eval: " + std::to_string(i + 1) + "/" + std::to_string(m_options.count) + " prompts, " +
            std::to_string(int(elapsed + 0.5)) + " s");
    }
  }
  results->seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return true;
}

}  // namespace shotcraft::eval
