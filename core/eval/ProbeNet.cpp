#include "core/eval/ProbeNet.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <algorithm>
#include <cmath>

#include "core/eval/ProbeFeatures.h"

namespace shotcraft::eval {

namespace {

constexpr const char* kFormat = "shotcraft-probe";
constexpr int kVersion = 1;

bool fail(std::string* error, const std::string& message) {
  if (error) *error = message;
  return false;
}

}  // namespace

ProbeNetConfig ProbeNetConfig::standard(int w) {
  ProbeNetConfig c;
  c.blocks = {{3, w, 2}, {w, 2 * w, 2}, {2 * w, 2 * w, 1}, {2 * w, 4 * w, 2}, {4 * w, 4 * w, 1}, {4 * w, 8 * w, 2},
              {8 * w, 8 * w, 1}};
  c.density_block = 4;
  for (int a = 0; a < kAttributeCount; ++a) c.classes[size_t(a)] = attributeClassCount(kAttributes[size_t(a)]);
  return c;
}

int ProbeNetConfig::headOutputs() const {
  int n = 0;
  for (int a = 0; a < kAttributeCount; ++a) n += classes[size_t(a)];
  return n;
}

int ProbeNetConfig::headOffset(Attribute a) const {
  int n = 0;
  for (int i = 0; i < kAttributeCount && kAttributes[size_t(i)] != a; ++i) n += classes[size_t(i)];
  return n;
}

bool ProbeNetWeights::save(const std::string& dir, std::string* error) const {
  if (!QDir().mkpath(QString::fromStdString(dir))) return fail(error, "probe: cannot create " + dir);
  QJsonArray blocks;
  for (const auto& b : config.blocks) blocks.append(QJsonArray{b[0], b[1], b[2]});
  QJsonObject classes;
  for (int a = 0; a < kAttributeCount; ++a)
    classes[QString::fromLatin1(attributeKey(kAttributes[size_t(a)]))] = config.classes[size_t(a)];
  const QJsonObject root{{QStringLiteral("format"), QString::fromLatin1(kFormat)},
                         {QStringLiteral("version"), kVersion},
                         {QStringLiteral("input"), QJsonArray{kProbeWidth, kProbeHeight}},
                         {QStringLiteral("blocks"), blocks},
                         {QStringLiteral("density_block"), config.density_block},
                         {QStringLiteral("classes"), classes}};
  const std::string weightsPath = dir + "/weights.yml.gz";
  try {
    cv::FileStorage fs(weightsPath + ".part.yml.gz", cv::FileStorage::WRITE | cv::FileStorage::BASE64);
    if (!fs.isOpened()) return fail(error, "probe: cannot write " + weightsPath);
    for (size_t i = 0; i < conv_w.size(); ++i) {
      fs << "conv" + std::to_string(i) + "_w" << conv_w[i];
      fs << "conv" + std::to_string(i) + "_b" << conv_b[i];
    }
    fs << "density_w" << density_w << "density_b" << density_b << "head_w" << head_w << "head_b" << head_b;
    fs.release();
  } catch (const cv::Exception& e) {
    return fail(error, "probe: cannot write " + weightsPath + ": " + e.err);
  }
  // Swap the weights in, then the config (a reader checks every shape against it).
  QFile::remove(QString::fromStdString(weightsPath));
  if (!QFile::rename(QString::fromStdString(weightsPath + ".part.yml.gz"), QString::fromStdString(weightsPath)))
    return fail(error, "probe: cannot write " + weightsPath);
  QSaveFile file(QString::fromStdString(dir + "/config.json"));
  if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(root).toJson(QJsonDocument::Indented)) < 0 ||
      !file.commit())
    return fail(error, "probe: cannot write " + dir + "/config.json");
  return true;
}

bool ProbeNetWeights::load(const std::string& dir, std::string* error) {
  const std::string configPath = dir + "/config.json", weightsPath = dir + "/weights.yml.gz";
  QFile file(QString::fromStdString(configPath));
  if (!file.open(QIODevice::ReadOnly)) return fail(error, "probe: cannot read " + configPath);
  QJsonParseError parseError{};
  const QJsonDocument doc = QJsonDocument::fromJson(file.read(1 << 20), &parseError);
  if (!doc.isObject()) return fail(error, "probe: " + configPath + " is not a JSON object");
  const QJsonObject root = doc.object();
  if (root.value(QStringLiteral("format")).toString() != QLatin1String(kFormat) ||
      root.value(QStringLiteral("version")).toInt() != kVersion)
    return fail(error, "probe: " + configPath + " is not a version 1 shotcraft-probe config");
  const QJsonArray input = root.value(QStringLiteral("input")).toArray();
  if (input.size() != 2 || input[0].toInt() != kProbeWidth || input[1].toInt() != kProbeHeight)
    return fail(error, "probe: " + configPath + ": input must be [256, 144]");
  config = {};
  int channels = 3, stride = 1;
  for (const QJsonValue& v : root.value(QStringLiteral("blocks")).toArray()) {
    const QJsonArray b = v.toArray();
    const int in = b.size() == 3 ? b[0].toInt() : 0, out = b.size() == 3 ? b[1].toInt() : 0,
              s = b.size() == 3 ? b[2].toInt() : 0;
    if (in != channels || out < 1 || out > 1024 || (s != 1 && s != 2))
      return fail(error, "probe: " + configPath + ": block " + std::to_string(config.blocks.size()) +
                             " must be [in, out, stride] with in = the previous out, stride 1 or 2");
    config.blocks.push_back({in, out, s});
    channels = out;
    stride *= s;
    if (int(config.blocks.size()) - 1 == root.value(QStringLiteral("density_block")).toInt(-1) &&
        stride != kProbeNetDensityStride)
      return fail(error, "probe: " + configPath + ": the density block must have stride 8");
  }
  config.density_block = root.value(QStringLiteral("density_block")).toInt(-1);
  if (config.blocks.empty() || config.blocks.size() > 32 || config.density_block < 0 ||
      config.density_block >= int(config.blocks.size()))
    return fail(error, "probe: " + configPath + ": needs 1-32 blocks and a density_block among them");
  const QJsonObject classes = root.value(QStringLiteral("classes")).toObject();
  for (int a = 0; a < kAttributeCount; ++a) {
    const Attribute attr = kAttributes[size_t(a)];
    config.classes[size_t(a)] = classes.value(QString::fromLatin1(attributeKey(attr))).toInt();
    if (config.classes[size_t(a)] != attributeClassCount(attr))
      return fail(error, "probe: " + configPath + ": " + attributeKey(attr) + " must have " +
                             std::to_string(attributeClassCount(attr)) + " classes");
  }
  // The weights, each checked against the shape the config implies.
  try {
    cv::FileStorage fs(weightsPath, cv::FileStorage::READ);
    if (!fs.isOpened()) return fail(error, "probe: cannot read " + weightsPath);
    const auto read = [&](const std::string& key, int rows, int cols, cv::Mat* out) {
      // The declared shape is checked before OpenCV allocates it, so a hostile file cannot ask for gigabytes.
      const cv::FileNode node = fs[key];
      const bool shaped = node.isMap() && int(node["rows"]) == rows && int(node["cols"]) == cols;
      if (shaped) node >> *out;
      if (!shaped || out->type() != CV_32F || out->rows != rows || out->cols != cols ||
          !cv::checkRange(*out, true, nullptr, -1e6, 1e6))
        return fail(error, "probe: " + weightsPath + ": " + key + " is missing, not " + std::to_string(rows) + "x" +
                               std::to_string(cols) + " float32, or not finite");
      return true;
    };
    conv_w.assign(config.blocks.size(), {});
    conv_b.assign(config.blocks.size(), {});
    for (size_t i = 0; i < config.blocks.size(); ++i) {
      const auto& b = config.blocks[i];
      if (!read("conv" + std::to_string(i) + "_w", b[1], b[0] * 9, &conv_w[i]) ||
          !read("conv" + std::to_string(i) + "_b", 1, b[1], &conv_b[i]))
        return false;
    }
    return read("density_w", 1, config.blocks[size_t(config.density_block)][1], &density_w) &&
           read("density_b", 1, 1, &density_b) &&
           read("head_w", config.headOutputs(), config.headInputs(), &head_w) &&
           read("head_b", 1, config.headOutputs(), &head_b);
  } catch (const cv::Exception& e) {
    return fail(error, "probe: cannot read " + weightsPath + ": " + e.err);
  }
}

bool ProbeNet::load(const std::string& dir, std::string* error) {
  m_loaded = false;
  m_source.clear();
  ProbeNetWeights w;
  if (!w.load(dir, error) || !fromWeights(w, error)) return false;
  m_source = dir;
  return true;
}

bool ProbeNet::fromWeights(const ProbeNetWeights& w, std::string* error) {
  m_loaded = false;
  m_config = w.config;
  try {
    cv::dnn::Net net;
    int previous = 0;  // the input
    int density = -1;
    for (size_t i = 0; i < w.config.blocks.size(); ++i) {
      const auto& b = w.config.blocks[i];
      cv::dnn::LayerParams conv;
      conv.set("kernel_size", 3);
      conv.set("stride", b[2]);
      conv.set("pad", 1);
      conv.set("num_output", b[1]);
      conv.set("bias_term", true);
      const int shape[4] = {b[1], b[0], 3, 3};
      conv.blobs = {w.conv_w[i].reshape(1, 4, shape).clone(), w.conv_b[i].clone()};
      const std::string name = "conv" + std::to_string(i);
      const int c = net.addLayer(name, "Convolution", conv);
      net.connect(previous, 0, c, 0);
      cv::dnn::LayerParams relu;
      previous = net.addLayer(name + "_relu", "ReLU", relu);
      net.connect(c, 0, previous, 0);
      if (int(i) == w.config.density_block) density = previous;
    }
    // Density map -> ReLU -> its mean (times the map's area gives the mass).
    cv::dnn::LayerParams dconv;
    dconv.set("kernel_size", 1);
    dconv.set("num_output", 1);
    dconv.set("bias_term", true);
    const int dshape[4] = {1, w.density_w.cols, 1, 1};
    dconv.blobs = {w.density_w.reshape(1, 4, dshape).clone(), w.density_b.clone()};
    const int d = net.addLayer("density", "Convolution", dconv);
    net.connect(density, 0, d, 0);
    cv::dnn::LayerParams drelu;
    const int dr = net.addLayer("density_relu", "ReLU", drelu);
    net.connect(d, 0, dr, 0);
    cv::dnn::LayerParams dmean;
    dmean.set("pool", "ave");
    dmean.set("global_pooling", true);
    net.connect(dr, 0, net.addLayer("density_mean", "Pooling", dmean), 0);
    // Heads: [global average, global max] of the last block -> linear.
    cv::dnn::LayerParams avg, max, cat, head;
    avg.set("pool", "ave");
    avg.set("global_pooling", true);
    max.set("pool", "max");
    max.set("global_pooling", true);
    const int ia = net.addLayer("pool_avg", "Pooling", avg), im = net.addLayer("pool_max", "Pooling", max);
    net.connect(previous, 0, ia, 0);
    net.connect(previous, 0, im, 0);
    cat.set("axis", 1);
    const int ic = net.addLayer("pools", "Concat", cat);
    net.connect(ia, 0, ic, 0);
    net.connect(im, 0, ic, 1);
    head.set("num_output", w.head_w.rows);
    head.set("bias_term", true);
    head.set("axis", 1);
    head.blobs = {w.head_w.clone(), w.head_b.clone()};
    net.connect(ic, 0, net.addLayer("heads", "InnerProduct", head), 0);
    net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
    net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
    m_net = net;
  } catch (const cv::Exception& e) {
    return fail(error, "probe: cannot build the network: " + e.err);
  }
  m_loaded = true;
  return true;
}

std::vector<ProbeNetOutput> ProbeNet::run(const std::vector<cv::Mat>& rgb) const {
  std::vector<ProbeNetOutput> out;
  if (!m_loaded || rgb.empty()) return out;
  std::vector<cv::Mat> frames;
  for (const cv::Mat& f : rgb) frames.push_back(toProbeSize(f));
  // x / 127.5 - 1, as the training stage feeds it; the frames are already RGB.
  m_net.setInput(cv::dnn::blobFromImages(frames, 1.0 / 127.5, {}, cv::Scalar(127.5, 127.5, 127.5), false, false));
  std::vector<cv::Mat> outs;
  m_net.forward(outs, std::vector<cv::String>{"heads", "density_mean", "pools", "density_relu"});
  const cv::Mat heads = outs[0].reshape(1, int(frames.size()));
  const cv::Mat mass = outs[1].reshape(1, int(frames.size()));
  const cv::Mat pools = outs[2].reshape(1, int(frames.size()));
  const float area = float(kProbeWidth / kProbeNetDensityStride) * float(kProbeHeight / kProbeNetDensityStride);
  for (int i = 0; i < heads.rows; ++i) {
    ProbeNetOutput o;
    o.logits.assign(heads.ptr<float>(i), heads.ptr<float>(i) + heads.cols);
    o.figure_mass = mass.at<float>(i, 0) * area;
    o.features.assign(pools.ptr<float>(i), pools.ptr<float>(i) + pools.cols);
    // outs[3] is N x 1 x H/8 x W/8.
    o.density = cv::Mat(outs[3].size[2], outs[3].size[3], CV_32F, outs[3].ptr<float>(i, 0)).clone();
    out.push_back(std::move(o));
  }
  return out;
}

cv::Mat ProbeNet::featureRow(const ProbeNetOutput& o) {
  cv::Mat row(1, int(o.features.size() + o.logits.size()) + 1, CV_32F);
  std::copy(o.features.begin(), o.features.end(), row.ptr<float>());
  std::copy(o.logits.begin(), o.logits.end(), row.ptr<float>() + o.features.size());
  row.at<float>(0, row.cols - 1) = o.figure_mass;
  return row;
}

cv::Mat ProbeNet::features(const std::vector<cv::Mat>& rgb) const {
  cv::Mat rows;
  for (const ProbeNetOutput& o : run(rgb)) rows.push_back(featureRow(o));
  return rows;
}

std::vector<AttributeValues> ProbeNet::predict(const std::vector<cv::Mat>& rgb) const {
  std::vector<AttributeValues> values;
  for (const ProbeNetOutput& o : run(rgb)) {
    AttributeValues v{};
    for (int a = 0; a < kAttributeCount; ++a) {
      const Attribute attr = kAttributes[size_t(a)];
      if (attr == Attribute::FigureCount) {
        v[size_t(a)] = std::clamp(int(std::lround(o.figure_mass)), 0, m_config.classes[size_t(a)] - 1);
      } else {
        const auto begin = o.logits.begin() + m_config.headOffset(attr);
        v[size_t(a)] = int(std::max_element(begin, begin + m_config.classes[size_t(a)]) - begin);
      }
    }
    values.push_back(v);
  }
  return values;
}

}  // namespace shotcraft::eval
