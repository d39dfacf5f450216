#include "core/model/ShotJson.h"

#include <QJsonArray>

#include "core/model/Limits.h"

namespace shotcraft::model {

namespace {
constexpr auto R = Presence::Required;
constexpr auto O = Presence::Optional;

QJsonObject handlesToObject(const ChannelHandles& handles) {
  QJsonObject o;
  for (int c = 0; c < kCameraChannelCount; ++c) {
    if (handles[size_t(c)]) o.insert(CameraPath::channelName(CameraChannel(c)), *handles[size_t(c)]);
  }
  return o;
}

// Reads {"pan_x": 0.1, ...} into values (when `values` is set) or handles.
void readChannels(const QJsonObject& o, const QString& path, JsonReader& reader, ChannelValues* values,
                  ChannelHandles* handles) {
  for (auto it = o.begin(); it != o.end() && reader.ok(); ++it) {
    const QString at = JsonReader::join(path, it.key());
    const auto channel = CameraPath::channelFromName(it.key());
    if (!channel) {
      reader.fail(at, QStringLiteral("unknown camera channel (use pan_x, pan_y, zoom, roll, dolly)"));
      return;
    }
    const double v = reader.numberValue(it.value(), at);
    if (values) (*values)[size_t(*channel)] = v;
    if (handles) (*handles)[size_t(*channel)] = v;
  }
}
}  // namespace

QJsonObject ShotJson::cameraToObject(const CameraPath& camera) {
  QJsonArray keys;
  for (const CameraKeyframe& k : camera.keyframes()) {
    QJsonObject key;
    key.insert(QStringLiteral("time"), k.time_s);
    key.insert(QStringLiteral("easing"), easingName(k.easing));
    QJsonObject values;
    for (int c = 0; c < kCameraChannelCount; ++c) values.insert(CameraPath::channelName(CameraChannel(c)), k.value[size_t(c)]);
    key.insert(QStringLiteral("values"), values);
    if (QJsonObject in = handlesToObject(k.handle_in); !in.isEmpty()) key.insert(QStringLiteral("in"), in);
    if (QJsonObject out = handlesToObject(k.handle_out); !out.isEmpty()) key.insert(QStringLiteral("out"), out);
    keys.append(key);
  }
  return QJsonObject{{QStringLiteral("keyframes"), keys}};
}

CameraPath ShotJson::cameraFromObject(const QJsonObject& o, const QString& path, JsonReader& reader) {
  CameraPath camera;
  const QJsonArray keys = reader.array(o, path, QStringLiteral("keyframes"), O);
  const QString keysPath = JsonReader::join(path, QStringLiteral("keyframes"));
  if (keys.size() > 10000) reader.fail(keysPath, QStringLiteral("at most 10000 keyframes"));
  for (qsizetype i = 0; i < keys.size() && reader.ok(); ++i) {
    const QString at = JsonReader::index(keysPath, i);
    const QJsonObject ko = reader.objectValue(keys.at(i), at);
    CameraKeyframe k;
    k.time_s = reader.number(ko, at, QStringLiteral("time"), R);
    const QString easing = reader.string(ko, at, QStringLiteral("easing"), O, QStringLiteral("linear"));
    if (const auto e = easingFromName(easing)) {
      k.easing = *e;
    } else if (reader.ok()) {
      reader.fail(JsonReader::join(at, QStringLiteral("easing")),
                  QStringLiteral("unknown easing '%1' (use linear, ease-in, ease-out, ease-in-out, hold)").arg(easing));
    }
    const QJsonObject values = reader.object(ko, at, QStringLiteral("values"), O);
    readChannels(values, JsonReader::join(at, QStringLiteral("values")), reader, &k.value, nullptr);
    const QJsonObject in = reader.object(ko, at, QStringLiteral("in"), O);
    readChannels(in, JsonReader::join(at, QStringLiteral("in")), reader, nullptr, &k.handle_in);
    const QJsonObject out = reader.object(ko, at, QStringLiteral("out"), O);
    readChannels(out, JsonReader::join(at, QStringLiteral("out")), reader, nullptr, &k.handle_out);
    camera.keyframes().push_back(k);
  }
  return camera;
}

QJsonObject ShotJson::controlsToObject(const ControlSettings& controls) {
  QJsonObject o;
  for (int k = 0; k < kControlKindCount; ++k) {
    const ControlSlot& s = controls.slot(ControlKind(k));
    if (s == ControlSlot{}) continue;
    QJsonObject so{{QStringLiteral("enabled"), s.enabled},
                   {QStringLiteral("source"), s.source},
                   {QStringLiteral("source_kind"), ControlSettings::sourceName(s.source_kind)},
                   {QStringLiteral("weight"), s.weight},
                   {QStringLiteral("start"), s.start},
                   {QStringLiteral("end"), s.end}};
    // Written only when not the default, so files without previous-shot controls read as before.
    if (s.origin != ControlOrigin::File) so.insert(QStringLiteral("origin"), ControlSettings::originName(s.origin));
    // Likewise "mode": files without it read as auto.
    if (s.mode != ControlMode::Auto) so.insert(QStringLiteral("mode"), QLatin1String(engine::controlModeName(s.mode)));
    o.insert(ControlSettings::kindName(ControlKind(k)), so);
  }
  return o;
}

ControlSettings ShotJson::controlsFromObject(const QJsonObject& o, const QString& path, JsonReader& reader) {
  ControlSettings controls;
  for (auto it = o.begin(); it != o.end() && reader.ok(); ++it) {
    const QString at = JsonReader::join(path, it.key());
    const auto kind = ControlSettings::kindFromName(it.key());
    if (!kind) {
      reader.fail(at, QStringLiteral("unknown control (use depth, canny, pose)"));
      break;
    }
    const QJsonObject so = reader.objectValue(it.value(), at);
    ControlSlot s;
    s.enabled = reader.boolean(so, at, QStringLiteral("enabled"), O, true);
    s.source = reader.string(so, at, QStringLiteral("source"), O);
    const QString kindName = reader.string(so, at, QStringLiteral("source_kind"), O, QStringLiteral("image"));
    if (const auto src = ControlSettings::sourceFromName(kindName)) {
      s.source_kind = *src;
    } else if (reader.ok()) {
      reader.fail(JsonReader::join(at, QStringLiteral("source_kind")), QStringLiteral("must be \"image\" or \"map\""));
    }
    s.weight = reader.number(so, at, QStringLiteral("weight"), O, 1.0);
    s.start = reader.number(so, at, QStringLiteral("start"), O, 0.0);
    s.end = reader.number(so, at, QStringLiteral("end"), O, 1.0);
    const QString originName = reader.string(so, at, QStringLiteral("origin"), O, QStringLiteral("file"));
    if (const auto origin = ControlSettings::originFromName(originName)) {
      s.origin = *origin;
    } else if (reader.ok()) {
      reader.fail(JsonReader::join(at, QStringLiteral("origin")),
                  QStringLiteral("must be \"file\" or \"previous_shot\""));
    }
    const QString modeName = reader.string(so, at, QStringLiteral("mode"), O, QStringLiteral("auto"));
    if (const auto mode = engine::controlModeFromName(modeName.toStdString())) {
      s.mode = *mode;
    } else if (reader.ok()) {
      reader.fail(JsonReader::join(at, QStringLiteral("mode")),
                  QStringLiteral("must be \"auto\", \"balanced\" or \"control_first\""));
    }
    controls.setSlot(*kind, s);
  }
  return controls;
}

QJsonObject ShotJson::takeToObject(const Take& take) {
  QJsonObject o{{QStringLiteral("id"), take.id},
                {QStringLiteral("created"), take.created.toUTC().toString(Qt::ISODateWithMs)},
                {QStringLiteral("render_hash"), take.render_hash},
                {QStringLiteral("frames"), take.frames}};
  if (take.flicker) o.insert(QStringLiteral("flicker"), *take.flicker);
  return o;
}

Take ShotJson::takeFromObject(const QJsonObject& o, const QString& path, JsonReader& reader) {
  Take t;
  t.id = reader.string(o, path, QStringLiteral("id"), R);
  const QString created = reader.string(o, path, QStringLiteral("created"), R);
  t.created = QDateTime::fromString(created, Qt::ISODateWithMs);
  if (reader.ok() && !t.created.isValid()) {
    reader.fail(JsonReader::join(path, QStringLiteral("created")), QStringLiteral("must be an ISO 8601 date-time"));
  }
  t.created = t.created.toUTC();
  t.render_hash = reader.string(o, path, QStringLiteral("render_hash"), R);
  t.frames = reader.string(o, path, QStringLiteral("frames"), R);
  t.flicker = reader.optionalNumber(o, path, QStringLiteral("flicker"));
  return t;
}

QJsonObject ShotJson::toObject(const Shot& shot) {
  QJsonObject o{{QStringLiteral("id"), shot.id},
                {QStringLiteral("title"), shot.title},
                {QStringLiteral("prompt"), shot.prompt},
                {QStringLiteral("negative_prompt"), shot.negative_prompt},
                {QStringLiteral("duration"), shot.duration_s},
                {QStringLiteral("fps"), shot.fps},
                {QStringLiteral("aspect"), aspectRatioName(shot.aspect)},
                {QStringLiteral("width"), shot.width},
                {QStringLiteral("height"), shot.height},
                {QStringLiteral("seed"), static_cast<qint64>(shot.seed)},
                {QStringLiteral("sampler"), shot.sampler},
                {QStringLiteral("steps"), shot.steps},
                {QStringLiteral("cfg"), shot.cfg_scale},
                {QStringLiteral("notes"), shot.notes},
                {QStringLiteral("dialogue"), shot.dialogue}};
  if (shot.cadence_frames != 0) o.insert(QStringLiteral("cadence"), shot.cadence_frames);
  if (QJsonObject controls = controlsToObject(shot.controls); !controls.isEmpty()) {
    o.insert(QStringLiteral("controls"), controls);
  }
  if (!shot.camera.isEmpty()) o.insert(QStringLiteral("camera"), cameraToObject(shot.camera));
  QJsonArray takes;
  for (const Take& t : shot.takes) takes.append(takeToObject(t));
  o.insert(QStringLiteral("takes"), takes);
  o.insert(QStringLiteral("selected_take"), shot.selected_take);
  return o;
}

Shot ShotJson::fromObject(const QJsonObject& o, const QString& path, const Shot& base, JsonReader& reader) {
  Shot s = base;
  s.id = reader.string(o, path, QStringLiteral("id"), R);
  s.title = reader.string(o, path, QStringLiteral("title"), O, base.title);
  s.prompt = reader.string(o, path, QStringLiteral("prompt"), O, base.prompt);
  s.negative_prompt = reader.string(o, path, QStringLiteral("negative_prompt"), O, base.negative_prompt);
  s.duration_s = reader.number(o, path, QStringLiteral("duration"), R);
  s.fps = reader.integer(o, path, QStringLiteral("fps"), O, base.fps);
  const QString aspect = reader.string(o, path, QStringLiteral("aspect"), O, aspectRatioName(base.aspect));
  if (const auto a = aspectRatioFromName(aspect)) {
    s.aspect = *a;
  } else if (reader.ok()) {
    reader.fail(JsonReader::join(path, QStringLiteral("aspect")),
                QStringLiteral("unknown aspect ratio '%1' (use 16:9, 9:16, 1:1, 4:3, 2.39:1)").arg(aspect));
  }
  s.width = reader.integer(o, path, QStringLiteral("width"), O, base.width);
  s.height = reader.integer(o, path, QStringLiteral("height"), O, base.height);
  s.seed = reader.unsignedInteger(o, path, QStringLiteral("seed"), O, limits::kMaxSeed, base.seed);
  s.sampler = reader.string(o, path, QStringLiteral("sampler"), O, base.sampler);
  s.steps = reader.integer(o, path, QStringLiteral("steps"), O, base.steps);
  s.cfg_scale = reader.number(o, path, QStringLiteral("cfg"), O, base.cfg_scale);
  s.cadence_frames = reader.integer(o, path, QStringLiteral("cadence"), O, base.cadence_frames);
  s.notes = reader.string(o, path, QStringLiteral("notes"), O, base.notes);
  s.dialogue = reader.string(o, path, QStringLiteral("dialogue"), O, base.dialogue);
  const QJsonObject controls = reader.object(o, path, QStringLiteral("controls"), O);
  s.controls = controlsFromObject(controls, JsonReader::join(path, QStringLiteral("controls")), reader);
  const QJsonObject camera = reader.object(o, path, QStringLiteral("camera"), O);
  s.camera = cameraFromObject(camera, JsonReader::join(path, QStringLiteral("camera")), reader);
  const QJsonArray takes = reader.array(o, path, QStringLiteral("takes"), O);
  const QString takesPath = JsonReader::join(path, QStringLiteral("takes"));
  if (takes.size() > limits::kMaxTakesPerShot) reader.fail(takesPath, QStringLiteral("at most 1000 takes"));
  s.takes.clear();
  for (qsizetype i = 0; i < takes.size() && reader.ok(); ++i) {
    const QString at = JsonReader::index(takesPath, i);
    s.takes.push_back(takeFromObject(reader.objectValue(takes.at(i), at), at, reader));
  }
  s.selected_take = reader.string(o, path, QStringLiteral("selected_take"), O);
  return s;
}

}  // namespace shotcraft::model
