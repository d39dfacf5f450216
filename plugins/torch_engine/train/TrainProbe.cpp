// `train probe`: see TrainProbe.h and docs/training.md. Each step draws a fresh batch of training-split scenes
// (never the held-out ones eval draws), flips half of them, softens a random share of each (a blend towards a
// 3x3 box blur, as a small decoder softens a frame) and adds a little noise. Loss: cross-entropy for time of day,
// scene type and palette; for the figures, smooth L1 between the density map's sum and the true count plus the
// squared error against a map with one unit of mass on each figure's box centre (a Gaussian as wide as a sixth
// of the box height at 1/8 scale, at least 0.6 cells).
#include "plugins/torch_engine/train/TrainProbe.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <chrono>
#include <cmath>
#include <filesystem>

#include "core/eval/ProbeData.h"
#include "core/eval/ProbeFeatures.h"
#include "core/eval/ProbeSuite.h"
#include "core/scenes/SceneRenderer.h"
#include "plugins/torch_engine/sampling/Sampler.h"
#include "plugins/torch_engine/train/ModelFolder.h"
#include "plugins/torch_engine/train/Stages.h"
#include "plugins/torch_engine/train/TrainLoop.h"
#include "plugins/torch_engine/train/TrainingData.h"

namespace shotcraft::torch_engine::train {

namespace fs = std::filesystem;

namespace {

constexpr int kW = eval::kProbeWidth, kH = eval::kProbeHeight, kS = eval::kProbeNetDensityStride;

cv::Mat toCv(const torch::Tensor& t, int rows, int cols) {
  const torch::Tensor c = t.detach().to(torch::kFloat32).contiguous().view({rows, cols});
  return cv::Mat(rows, cols, CV_32F, c.data_ptr<float>()).clone();
}

struct ProbeBatch {
  torch::Tensor rgb;      // [B,3,H,W] in [-1,1]
  torch::Tensor labels;   // [B, kAttributeCount] int64
  torch::Tensor density;  // [B, H/8, W/8]
};

// One figure's unit of mass at its box centre on the 1/8 grid.
void addFigure(const scenes::Keypoints& kp, torch::Tensor& map) {
  const cv::Rect2f box = eval::figureBox(kp);
  if (box.empty()) return;
  const float cx = (box.x + box.width / 2) / kS - 0.5f, cy = (box.y + box.height / 2) / kS - 0.5f;
  const float sigma = std::max(0.6f, box.height / kS / 6.0f);
  const auto ys = torch::arange(map.size(0), torch::kFloat32).view({-1, 1});
  const auto xs = torch::arange(map.size(1), torch::kFloat32).view({1, -1});
  const auto g = torch::exp(-((xs - cx).pow(2) + (ys - cy).pow(2)) / (2 * sigma * sigma));
  map += g / g.sum();
}

ProbeBatch drawBatch(uint64_t dataSeed, int64_t step, int batch) {
  std::vector<torch::Tensor> rgb, labels, density;
  for (int i = 0; i < batch; ++i) {
    const scenes::SceneSpec spec = scenes::sampleScene(trainingSceneSeed(dataSeed, step * batch + i));
    const scenes::SceneSample sample = scenes::renderScene(spec, kW, kH);
    rgb.push_back(toTensor(sample.rgb, 2.0f / 255.0f, -1.0f));
    std::vector<int64_t> l;
    for (eval::Attribute a : eval::kAttributes) l.push_back(eval::attributeOf(spec, a));
    labels.push_back(torch::tensor(l));
    torch::Tensor map = torch::zeros({kH / kS, kW / kS});
    for (const scenes::Keypoints& kp : sample.keypoints) addFigure(kp, map);
    density.push_back(map);
  }
  return {torch::stack(rgb), torch::stack(labels), torch::stack(density)};
}

// Flip, soften, noise: drawn from the step's generator, so a resumed run sees the same batches.
void augment(ProbeBatch& b, torch::Generator& gen) {
  const int64_t n = b.rgb.size(0);
  const auto flip = torch::rand({n}, gen) < 0.5;
  b.rgb = torch::where(flip.view({n, 1, 1, 1}), b.rgb.flip({3}), b.rgb);
  b.density = torch::where(flip.view({n, 1, 1}), b.density.flip({2}), b.density);
  const auto soft = torch::avg_pool2d(b.rgb, 3, 1, 1, false, false);
  const auto mix = torch::rand({n, 1, 1, 1}, gen) * 0.8;
  b.rgb = b.rgb * (1 - mix) + soft * mix;
  b.rgb = b.rgb + torch::randn(b.rgb.sizes(), gen) * (torch::rand({n, 1, 1, 1}, gen) * 0.03);
}

// Held-out frames (eval's calibration stream, at its default seed) read by the exported network's own heads.
QJsonObject heldOutAccuracy(const eval::ProbeNet& net, int frames, const PrintFn& print) {
  const eval::ProbeData data = eval::renderProbeData(eval::ProbeSuiteOptions{}.seed, 0, frames);
  std::array<int, eval::kAttributeCount> hits{};
  for (size_t i = 0; i < data.calibration.size(); i += 32) {
    std::vector<cv::Mat> rgb;
    for (size_t j = i; j < std::min(data.calibration.size(), i + 32); ++j) rgb.push_back(data.calibration[j].rgb);
    const std::vector<eval::AttributeValues> read = net.predict(rgb);
    for (size_t j = 0; j < read.size(); ++j)
      for (int a = 0; a < eval::kAttributeCount; ++a)
        hits[size_t(a)] += read[j][size_t(a)] == eval::attributeOf(data.calibration[i + j].sample.spec,
                                                                  eval::kAttributes[size_t(a)]);
  }
  QJsonObject report;
  std::string line = "probe: held-out frames read right (" + std::to_string(data.calibration.size()) + "):";
  for (int a = 0; a < eval::kAttributeCount; ++a) {
    const double acc = double(hits[size_t(a)]) / double(std::max<size_t>(1, data.calibration.size()));
    report[QString::fromLatin1(eval::attributeKey(eval::kAttributes[size_t(a)]))] = acc;
    char buf[64];
    std::snprintf(buf, sizeof buf, " %s %.1f%%", eval::attributeLabel(eval::kAttributes[size_t(a)]), 100.0 * acc);
    line += buf;
  }
  print(line);
  report[QStringLiteral("frames")] = int(data.calibration.size());
  return report;
}

}  // namespace

ProbeNetworkImpl::ProbeNetworkImpl(const eval::ProbeNetConfig& config) : m_config(config) {
  for (size_t i = 0; i < config.blocks.size(); ++i) {
    const auto& b = config.blocks[i];
    m_convs.push_back(register_module(
        "conv" + std::to_string(i),
        torch::nn::Conv2d(torch::nn::Conv2dOptions(b[0], b[1], 3).stride(b[2]).padding(1).bias(false))));
    m_norms.push_back(register_module("norm" + std::to_string(i), torch::nn::BatchNorm2d(b[1])));
  }
  m_density = register_module(
      "density", torch::nn::Conv2d(torch::nn::Conv2dOptions(config.blocks[size_t(config.density_block)][1], 1, 1)));
  m_heads = register_module("heads", torch::nn::Linear(config.headInputs(), config.headOutputs()));
}

ProbeNetworkOutput ProbeNetworkImpl::forward(const torch::Tensor& input) {
  ProbeNetworkOutput out;
  torch::Tensor x = input;
  for (size_t i = 0; i < m_convs.size(); ++i) {
    x = torch::relu(m_norms[i]->forward(m_convs[i]->forward(x)));
    if (int(i) == m_config.density_block) out.density = torch::relu(m_density->forward(x)).squeeze(1);
  }
  out.logits = m_heads->forward(torch::cat({x.mean({2, 3}), std::get<0>(x.flatten(2).max(2))}, 1));
  return out;
}

eval::ProbeNetWeights ProbeNetworkImpl::exportWeights() const {
  torch::NoGradGuard noGrad;
  eval::ProbeNetWeights w;
  w.config = m_config;
  for (size_t i = 0; i < m_convs.size(); ++i) {
    const auto& bn = m_norms[i];
    const torch::Tensor scale = bn->weight / torch::sqrt(bn->running_var + bn->options.eps());
    const torch::Tensor weight = m_convs[i]->weight * scale.view({-1, 1, 1, 1});
    const torch::Tensor bias = bn->bias - bn->running_mean * scale;
    w.conv_w.push_back(toCv(weight, int(weight.size(0)), int(weight[0].numel())));
    w.conv_b.push_back(toCv(bias, 1, int(bias.numel())));
  }
  w.density_w = toCv(m_density->weight, 1, int(m_density->weight.numel()));
  w.density_b = toCv(m_density->bias, 1, 1);
  w.head_w = toCv(m_heads->weight, int(m_heads->weight.size(0)), int(m_heads->weight.size(1)));
  w.head_b = toCv(m_heads->bias, 1, int(m_heads->bias.numel()));
  return w;
}

bool trainProbe(const engine::TrainingRequest& request, const PrintFn& print, const engine::CancelToken& cancel,
                std::string* error) {
  const bool tiny = isTinyRun(request);
  const int width = int(extraNumber(request, "probe_width", tiny ? 4 : 16));
  if (width < 1 || width > 64) {
    if (error) *error = "probe: --set probe_width must be 1..64";
    return false;
  }
  const int batch = request.batch > 0 ? request.batch : (tiny ? 4 : 64);
  torch::manual_seed(request.data_seed);
  ProbeNetwork net(eval::ProbeNetConfig::standard(width));
  int64_t params = 0;
  for (const auto& p : net->parameters()) params += p.numel();
  print("probe: " + std::to_string(params) + " parameters, batches of " + std::to_string(batch) +
        " training-split scenes at 256x144");
  const LoopSettings loop = loopSettings(request, "probe", 2000, 2e-3, 100);
  torch::optim::AdamW optimizer(net->parameters(), torch::optim::AdamWOptions(loop.lr).weight_decay(1e-4));
  const auto step = [&](int64_t s) {
    ProbeBatch b = drawBatch(request.data_seed, s, batch);
    auto gen = makeCpuGenerator(mixSeed(request.data_seed, uint64_t(s), 0x9B0));
    augment(b, gen);
    net->train();
    const ProbeNetworkOutput out = net->forward(b.rgb.contiguous(torch::MemoryFormat::ChannelsLast));
    torch::Tensor loss = torch::zeros({});
    for (int a = 0; a < eval::kAttributeCount; ++a) {
      const eval::Attribute attr = eval::kAttributes[size_t(a)];
      if (attr == eval::Attribute::FigureCount) continue;
      const int64_t from = net->config().headOffset(attr), n = net->config().classes[size_t(a)];
      loss = loss + torch::cross_entropy_loss(out.logits.slice(1, from, from + n), b.labels.select(1, a));
    }
    const auto count = b.labels.select(1, int64_t(eval::Attribute::FigureCount)).to(torch::kFloat32);
    loss = loss + torch::smooth_l1_loss(out.density.sum({1, 2}), count) +
           50.0 * torch::mse_loss(out.density, b.density);
    optimizer.zero_grad();
    loss.backward();
    torch::nn::utils::clip_grad_norm_(net->parameters(), 1.0);
    optimizer.step();
    return loss.item<double>();
  };
  if (!runTrainingLoop(loop, {{"probe.", net.get()}}, optimizer, step, print, cancel, error)) return false;

  net->eval();
  const std::string dir = (fs::path(request.out_dir) / "probe").string();
  if (!net->exportWeights().save(dir, error)) return false;
  eval::ProbeNet exported;
  if (!exported.load(dir, error)) return false;
  QJsonObject report = heldOutAccuracy(exported, tiny ? 8 : 400, print);
  report[QStringLiteral("steps")] = qint64(loop.steps);
  report[QStringLiteral("batch")] = batch;
  QFile file(QString::fromStdString(dir + "/report.json"));
  if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(report).toJson()) < 0) {
    if (error) *error = "probe: cannot write " + dir + "/report.json";
    return false;
  }
  return true;
}

}  // namespace shotcraft::torch_engine::train
