#include "plugins/torch_engine/pipeline/PreviewDecoder.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace shotcraft::torch_engine {

namespace {
// Approximate RGB contribution of each SD-1.x/2.x VAE latent channel (a widely published linear fit).
constexpr float kSdLatentRgb[4][3] = {
    {0.3512f, 0.2297f, 0.3227f},
    {0.3250f, 0.4974f, 0.2350f},
    {-0.2829f, 0.1762f, 0.2721f},
    {-0.2120f, -0.2616f, -0.7177f},
};
}  // namespace

LinearPreviewDecoder::LinearPreviewDecoder() {
  m_weight = torch::from_blob(const_cast<float*>(&kSdLatentRgb[0][0]), {4, 3}, torch::kFloat32).clone();
  m_bias = torch::zeros({3}, torch::kFloat32);
}

bool LinearPreviewDecoder::load(const std::string& jsonPath, std::string* error) {
  QFile f(QString::fromStdString(jsonPath));
  if (!f.open(QIODevice::ReadOnly) || f.size() > (1 << 20)) {
    if (error) *error = jsonPath + ": cannot read preview weights";
    return false;
  }
  QJsonParseError pe;
  const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
  const QJsonArray w = doc.object().value(QStringLiteral("weight")).toArray();
  const QJsonArray b = doc.object().value(QStringLiteral("bias")).toArray();
  if (pe.error != QJsonParseError::NoError || w.isEmpty() || w.size() > 64 || b.size() != 3) {
    if (error) *error = jsonPath + ": expected {\"weight\": [[r,g,b], ...], \"bias\": [r,g,b]}";
    return false;
  }
  torch::Tensor weight = torch::zeros({w.size(), 3}, torch::kFloat32);
  for (qsizetype c = 0; c < w.size(); ++c) {
    const QJsonArray row = w[c].toArray();
    if (row.size() != 3) {
      if (error) *error = jsonPath + ": weight[" + std::to_string(c) + "] must have 3 numbers";
      return false;
    }
    for (int k = 0; k < 3; ++k) weight[c][k] = row[k].toDouble();
  }
  torch::Tensor bias = torch::zeros({3}, torch::kFloat32);
  for (int k = 0; k < 3; ++k) bias[k] = b[k].toDouble();
  m_weight = weight;
  m_bias = bias;
  return true;
}

bool LinearPreviewDecoder::save(const std::string& jsonPath, std::string* error) const {
  QJsonArray w;
  auto acc = m_weight.accessor<float, 2>();
  for (int64_t c = 0; c < m_weight.size(0); ++c) w.append(QJsonArray{acc[c][0], acc[c][1], acc[c][2]});
  auto bacc = m_bias.accessor<float, 1>();
  QJsonObject o{{QStringLiteral("weight"), w}, {QStringLiteral("bias"), QJsonArray{bacc[0], bacc[1], bacc[2]}}};
  QSaveFile f(QString::fromStdString(jsonPath));
  if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(o).toJson()) < 0 || !f.commit()) {
    if (error) *error = jsonPath + ": cannot write: " + f.errorString().toStdString();
    return false;
  }
  return true;
}

LinearPreviewDecoder LinearPreviewDecoder::fit(const torch::Tensor& latents, const torch::Tensor& images) {
  torch::NoGradGuard ng;
  const auto lat = latents.to(torch::kFloat32);
  const auto img = torch::adaptive_avg_pool2d(images.to(torch::kFloat32), {lat.size(2), lat.size(3)});
  // Rows = latent cells; columns = channels + 1 (bias).
  auto x = lat.permute({0, 2, 3, 1}).reshape({-1, lat.size(1)});
  x = torch::cat({x, torch::ones({x.size(0), 1})}, 1);
  const auto y = img.permute({0, 2, 3, 1}).reshape({-1, 3});
  const auto sol = std::get<0>(torch::linalg_lstsq(x, y));  // [C+1,3]
  LinearPreviewDecoder d;
  d.m_weight = sol.slice(0, 0, lat.size(1)).contiguous();
  d.m_bias = sol[lat.size(1)].contiguous();
  return d;
}

torch::Tensor LinearPreviewDecoder::project(const torch::Tensor& latent) const {
  const auto lat = latent.to(torch::kCPU, torch::kFloat32);
  return torch::einsum("nchw,ck->nkhw", {lat, m_weight}) + m_bias.view({1, 3, 1, 1});
}

Image LinearPreviewDecoder::decode(const torch::Tensor& latent, int width, int height) const {
  torch::NoGradGuard ng;
  if (latent.size(1) != m_weight.size(0)) return {};
  auto rgb = project(latent.slice(0, 0, 1));
  rgb = torch::nn::functional::interpolate(
      rgb, torch::nn::functional::InterpolateFuncOptions()
               .size(std::vector<int64_t>{height, width})
               .mode(torch::kBilinear)
               .align_corners(false));
  return tensorToImage(rgb);
}

Image tensorToImage(const torch::Tensor& image) {
  auto t = image.slice(0, 0, 1)
               .to(torch::kCPU, torch::kFloat32)
               .add(1.0)
               .mul(127.5)
               .round()
               .clamp(0, 255)
               .to(torch::kUInt8)
               .squeeze(0)
               .permute({1, 2, 0})
               .contiguous();
  Image out(int(t.size(1)), int(t.size(0)), 3);
  std::memcpy(out.data.data(), t.data_ptr<uint8_t>(), out.data.size());
  return out;
}

torch::Tensor imageToTensor(const Image& image) {
  auto t = torch::from_blob(const_cast<uint8_t*>(image.data.data()), {image.height, image.width, image.channels},
                            torch::kUInt8);
  if (image.channels == 1) t = t.expand({image.height, image.width, 3});
  return t.permute({2, 0, 1}).unsqueeze(0).to(torch::kFloat32).div(127.5).sub(1.0).contiguous();
}

}  // namespace shotcraft::torch_engine
