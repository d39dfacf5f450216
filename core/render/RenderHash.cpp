#include "core/render/RenderHash.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

#include "core/model/Shot.h"
#include "core/render/ControlFrames.h"

namespace shotcraft::render {

namespace {

QJsonValue optionalNumber(const std::optional<double>& v) { return v ? QJsonValue(*v) : QJsonValue(); }

QJsonArray cameraJson(const model::CameraPath& path) {
  QJsonArray keys;
  for (const model::CameraKeyframe& k : path.keyframes()) {
    QJsonObject key;
    key.insert(QStringLiteral("time"), k.time_s);
    key.insert(QStringLiteral("easing"), model::easingName(k.easing));
    QJsonArray values, in, out;
    for (size_t c = 0; c < size_t(model::kCameraChannelCount); ++c) {
      values.append(k.value[c]);
      in.append(optionalNumber(k.handle_in[c]));
      out.append(optionalNumber(k.handle_out[c]));
    }
    key.insert(QStringLiteral("values"), values);
    key.insert(QStringLiteral("in"), in);
    key.insert(QStringLiteral("out"), out);
    keys.append(key);
  }
  return keys;
}

}  // namespace

QJsonObject renderInputs(const model::Shot& shot, RenderMode mode, const RenderSettings& settings,
                         const engine::EngineInfo& engineInfo, const ControlFrames& controls) {
  QJsonObject o;
  o.insert(QStringLiteral("renderer_version"), kRendererVersion);
  o.insert(QStringLiteral("mode"), renderModeName(mode));
  o.insert(QStringLiteral("engine_model"), QString::fromStdString(engineInfo.model_name));
  o.insert(QStringLiteral("prompt"), shot.prompt);
  o.insert(QStringLiteral("negative_prompt"), shot.negative_prompt);
  // Seeds go up to 2^53 - 1: as text, so no double rounding can merge two seeds.
  o.insert(QStringLiteral("seed"), QString::number(shot.seed));
  o.insert(QStringLiteral("sampler"), shot.sampler);
  o.insert(QStringLiteral("cfg"), shot.cfg_scale);
  o.insert(QStringLiteral("steps"), shot.steps);
  o.insert(QStringLiteral("width"), shot.width);
  o.insert(QStringLiteral("height"), shot.height);
  const FrameSize size = renderSize(shot, mode);
  o.insert(QStringLiteral("render_width"), size.width);
  o.insert(QStringLiteral("render_height"), size.height);
  o.insert(QStringLiteral("render_steps"), renderSteps(shot, mode, settings));
  o.insert(QStringLiteral("duration"), shot.duration_s);
  o.insert(QStringLiteral("fps"), shot.fps);
  o.insert(QStringLiteral("frames"), shot.frameCount());
  o.insert(QStringLiteral("camera"), cameraJson(shot.camera));
  o.insert(QStringLiteral("controls"), controls.hashJson());
  o.insert(QStringLiteral("settings"), settings.toJson());
  return o;
}

QString renderHash(const QJsonObject& inputs) {
  const QByteArray text = QJsonDocument(inputs).toJson(QJsonDocument::Compact);
  return QString::fromLatin1(QCryptographicHash::hash(text, QCryptographicHash::Sha256).toHex());
}

}  // namespace shotcraft::render
