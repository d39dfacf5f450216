#include "core/model/ProjectJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include "core/model/JsonReader.h"
#include "core/model/Limits.h"
#include "core/model/ShotJson.h"

namespace shotcraft::model {

namespace {
constexpr auto R = Presence::Required;
constexpr auto O = Presence::Optional;

bool fail(QString* error, const QString& message) {
  if (error) *error = message;
  return false;
}

QJsonObject briefToObject(const Brief& b) {
  return {{QStringLiteral("title"), b.title},
          {QStringLiteral("video_type"), videoTypeName(b.video_type)},
          {QStringLiteral("audience"), b.audience},
          {QStringLiteral("selling_points"), QJsonArray::fromStringList(b.selling_points)},
          {QStringLiteral("target_duration"), b.target_duration_s}};
}

Brief briefFromObject(const QJsonObject& o, const QString& path, JsonReader& reader) {
  Brief b;
  b.title = reader.string(o, path, QStringLiteral("title"), O);
  const QString type = reader.string(o, path, QStringLiteral("video_type"), O, QStringLiteral("promo"));
  if (const auto t = videoTypeFromName(type)) {
    b.video_type = *t;
  } else if (reader.ok()) {
    reader.fail(JsonReader::join(path, QStringLiteral("video_type")),
                QStringLiteral("unknown video type '%1' (use promo, micro-film, vfx-short, other)").arg(type));
  }
  b.audience = reader.string(o, path, QStringLiteral("audience"), O);
  b.selling_points = reader.stringList(o, path, QStringLiteral("selling_points"), O);
  b.target_duration_s = reader.number(o, path, QStringLiteral("target_duration"), O, 0.0);
  return b;
}

QJsonObject defaultsToObject(const RenderDefaults& d) {
  return {{QStringLiteral("fps"), d.fps},
          {QStringLiteral("aspect"), aspectRatioName(d.aspect)},
          {QStringLiteral("width"), d.width},
          {QStringLiteral("height"), d.height},
          {QStringLiteral("model"), d.model},
          {QStringLiteral("sampler"), d.sampler},
          {QStringLiteral("steps"), d.steps},
          {QStringLiteral("cfg"), d.cfg_scale}};
}

RenderDefaults defaultsFromObject(const QJsonObject& o, const QString& path, JsonReader& reader) {
  RenderDefaults d;
  d.fps = reader.integer(o, path, QStringLiteral("fps"), O, d.fps);
  const QString aspect = reader.string(o, path, QStringLiteral("aspect"), O, aspectRatioName(d.aspect));
  if (const auto a = aspectRatioFromName(aspect)) {
    d.aspect = *a;
  } else if (reader.ok()) {
    reader.fail(JsonReader::join(path, QStringLiteral("aspect")),
                QStringLiteral("unknown aspect ratio '%1' (use 16:9, 9:16, 1:1, 4:3, 2.39:1)").arg(aspect));
  }
  d.width = reader.integer(o, path, QStringLiteral("width"), O, d.width);
  d.height = reader.integer(o, path, QStringLiteral("height"), O, d.height);
  d.model = reader.string(o, path, QStringLiteral("model"), O, d.model);
  d.sampler = reader.string(o, path, QStringLiteral("sampler"), O, d.sampler);
  d.steps = reader.integer(o, path, QStringLiteral("steps"), O, d.steps);
  d.cfg_scale = reader.number(o, path, QStringLiteral("cfg"), O, d.cfg_scale);
  return d;
}
}  // namespace

QJsonObject ProjectJson::toObject(const Project& p) {
  QJsonArray acts;
  for (const Act& act : p.acts()) {
    QJsonArray shots;
    for (const Shot& s : act.shots) shots.append(ShotJson::toObject(s));
    acts.append(QJsonObject{{QStringLiteral("title"), act.title}, {QStringLiteral("shots"), shots}});
  }
  QJsonArray beats;
  for (double b : p.beats_s()) beats.append(b);
  QJsonObject root{{QStringLiteral("schema"), Project::kSchemaVersion},
                   {QStringLiteral("app"), QStringLiteral("shotcraft")},
                   {QStringLiteral("name"), p.name()},
                   {QStringLiteral("brief"), briefToObject(p.brief())},
                   {QStringLiteral("defaults"), defaultsToObject(p.defaults())},
                   {QStringLiteral("acts"), acts},
                   {QStringLiteral("beats"), beats}};
  if (p.audio()) {
    root.insert(QStringLiteral("audio"), QJsonObject{{QStringLiteral("path"), p.audio()->path},
                                                     {QStringLiteral("offset_s"), p.audio()->offset_s},
                                                     {QStringLiteral("gain_db"), p.audio()->gain_db}});
  }
  return root;
}

QByteArray ProjectJson::toJson(const Project& project) {
  return QJsonDocument(toObject(project)).toJson(QJsonDocument::Indented);
}

bool ProjectJson::fromJson(const QByteArray& bytes, Project* out, QString* error) {
  if (bytes.trimmed().isEmpty()) return fail(error, QStringLiteral("project.json is empty"));
  QJsonParseError parseError{};
  const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
  if (parseError.error != QJsonParseError::NoError) {
    if (parseError.error == QJsonParseError::DeepNesting) {
      return fail(error, QStringLiteral("project.json is nested too deeply (at offset %1)").arg(parseError.offset));
    }
    return fail(error, QStringLiteral("project.json is not valid JSON: %1 at offset %2")
                           .arg(parseError.errorString())
                           .arg(parseError.offset));
  }
  if (!doc.isObject()) return fail(error, QStringLiteral("project.json: the top level must be a JSON object"));
  return fromObject(doc.object(), out, error);
}

bool ProjectJson::fromObject(const QJsonObject& root, Project* out, QString* error) {
  JsonReader reader;
  const int schema = reader.integer(root, {}, QStringLiteral("schema"), R);
  if (!reader.ok()) return fail(error, reader.error());
  if (schema > Project::kSchemaVersion) {
    return fail(error, QStringLiteral("project.json was written by a newer Shotcraft (schema %1 > %2)")
                           .arg(schema)
                           .arg(Project::kSchemaVersion));
  }
  if (schema < 1) return fail(error, QStringLiteral("schema: must be >= 1 (got %1)").arg(schema));
  const QString app = reader.string(root, {}, QStringLiteral("app"), R);
  if (reader.ok() && app != QLatin1String("shotcraft")) {
    return fail(error, QStringLiteral("app: must be \"shotcraft\" (got \"%1\")").arg(app.left(40)));
  }

  Project p;
  p.m_name = reader.string(root, {}, QStringLiteral("name"), O, p.m_name);
  p.m_brief = briefFromObject(reader.object(root, {}, QStringLiteral("brief"), O), QStringLiteral("brief"), reader);
  p.m_defaults = defaultsFromObject(reader.object(root, {}, QStringLiteral("defaults"), O), QStringLiteral("defaults"),
                                    reader);
  const QJsonArray acts = reader.array(root, {}, QStringLiteral("acts"), R);
  if (reader.ok() && acts.size() != Project::kActCount) {
    reader.fail(QStringLiteral("acts"), QStringLiteral("must have exactly 3 acts (got %1)").arg(acts.size()));
  }
  const Shot base = p.makeShot();
  for (qsizetype a = 0; a < acts.size() && reader.ok(); ++a) {
    const QString actPath = JsonReader::index(QStringLiteral("acts"), a);
    const QJsonObject ao = reader.objectValue(acts.at(a), actPath);
    Act& act = p.m_acts[size_t(a)];
    act.title = reader.string(ao, actPath, QStringLiteral("title"), O, act.title);
    const QJsonArray shots = reader.array(ao, actPath, QStringLiteral("shots"), R);
    const QString shotsPath = JsonReader::join(actPath, QStringLiteral("shots"));
    if (shots.size() > limits::kMaxShotsPerAct) reader.fail(shotsPath, QStringLiteral("at most 1000 shots"));
    for (qsizetype r = 0; r < shots.size() && reader.ok(); ++r) {
      const QString at = JsonReader::index(shotsPath, r);
      act.shots.push_back(ShotJson::fromObject(reader.objectValue(shots.at(r), at), at, base, reader));
    }
  }
  const QJsonArray beats = reader.array(root, {}, QStringLiteral("beats"), O);
  if (beats.size() > limits::kMaxBeats) reader.fail(QStringLiteral("beats"), QStringLiteral("at most 100000 markers"));
  for (qsizetype i = 0; i < beats.size() && reader.ok(); ++i) {
    p.m_beats_s.push_back(reader.numberValue(beats.at(i), JsonReader::index(QStringLiteral("beats"), i)));
  }
  if (reader.ok() && root.contains(QStringLiteral("audio")) && !root.value(QStringLiteral("audio")).isNull()) {
    const QJsonObject ao = reader.object(root, {}, QStringLiteral("audio"), R);
    AudioTrack track;
    track.path = reader.string(ao, QStringLiteral("audio"), QStringLiteral("path"), R);
    track.offset_s = reader.number(ao, QStringLiteral("audio"), QStringLiteral("offset_s"), O, 0.0);
    track.gain_db = reader.number(ao, QStringLiteral("audio"), QStringLiteral("gain_db"), O, 0.0);
    p.m_audio = track;
  }
  if (!reader.ok()) return fail(error, reader.error());
  if (QString why = p.validate(); !why.isEmpty()) return fail(error, why);
  if (out) *out = std::move(p);
  return true;
}

}  // namespace shotcraft::model
