#include "core/media/OtioWriter.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QUrl>
#include <cmath>

#include "core/media/TakeFrameSource.h"

namespace shotcraft::media {

namespace {

QJsonObject rationalTime(double value, double rate) {
  return {{QStringLiteral("OTIO_SCHEMA"), QStringLiteral("RationalTime.1")},
          {QStringLiteral("rate"), rate},
          {QStringLiteral("value"), value}};
}

QJsonObject timeRange(double start, double duration, double rate) {
  return {{QStringLiteral("OTIO_SCHEMA"), QStringLiteral("TimeRange.1")},
          {QStringLiteral("start_time"), rationalTime(start, rate)},
          {QStringLiteral("duration"), rationalTime(duration, rate)}};
}

// Fields every Item (clip, gap, track) carries.
QJsonObject item(const QString& schema, const QString& name) {
  return {{QStringLiteral("OTIO_SCHEMA"), schema},     {QStringLiteral("name"), name},
          {QStringLiteral("metadata"), QJsonObject()}, {QStringLiteral("effects"), QJsonArray()},
          {QStringLiteral("markers"), QJsonArray()},   {QStringLiteral("enabled"), true}};
}

QJsonObject missingReference(const QString& why) {
  return {{QStringLiteral("OTIO_SCHEMA"), QStringLiteral("MissingReference.1")},
          {QStringLiteral("name"), QString()},
          {QStringLiteral("available_range"), QJsonValue()},
          {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("shotcraft"), QJsonObject{{QStringLiteral("reason"), why}}}}}};
}

// The take's frames when their names share one prefix/suffix around a zero-padded number.
QJsonObject takeReference(const model::Shot& shot, const QString& projectFolder) {
  const model::Take* take = shot.selectedTake();
  if (!take) return missingReference(QStringLiteral("not rendered"));
  TakeFrameSource frames;
  std::string error;
  const QString folder = QDir(projectFolder).filePath(QStringLiteral("takes/") + take->frames);
  if (take->frames.isEmpty() || !frames.open(folder, shot.fps, &error)) {
    return missingReference(QStringLiteral("take %1 has no frames").arg(take->id));
  }
  static const QRegularExpression pattern(QStringLiteral("^(.*?)(\\d+)(\\.[A-Za-z]+)$"));
  const QRegularExpressionMatch first = pattern.match(QFileInfo(frames.files().front()).fileName());
  if (!first.hasMatch()) return missingReference(QStringLiteral("take %1: frame names are not numbered").arg(take->id));
  const QString prefix = first.captured(1);
  const QString suffix = first.captured(3);
  const int padding = int(first.captured(2).size());
  const int start = first.captured(2).toInt();
  return {{QStringLiteral("OTIO_SCHEMA"), QStringLiteral("ImageSequenceReference.1")},
          {QStringLiteral("name"), take->id},
          {QStringLiteral("metadata"), QJsonObject()},
          {QStringLiteral("available_range"), timeRange(0, frames.frameCount(), shot.fps)},
          {QStringLiteral("target_url_base"), QUrl::fromLocalFile(QDir(folder).absolutePath()).toString() + QLatin1Char('/')},
          {QStringLiteral("name_prefix"), prefix},
          {QStringLiteral("name_suffix"), suffix},
          {QStringLiteral("start_frame"), start},
          {QStringLiteral("frame_step"), 1},
          {QStringLiteral("rate"), double(shot.fps)},
          {QStringLiteral("frame_zero_padding"), padding},
          {QStringLiteral("missing_frame_policy"), QStringLiteral("hold")}};
}

QJsonObject shotMetadata(const model::Project& project, const model::Shot& shot, int act, int number) {
  const model::Take* take = shot.selectedTake();
  return {{QStringLiteral("shot_id"), shot.id},
          {QStringLiteral("number"), number},
          {QStringLiteral("act"), act + 1},
          {QStringLiteral("act_title"), project.act(act).title},
          {QStringLiteral("title"), shot.title},
          {QStringLiteral("prompt"), shot.prompt},
          {QStringLiteral("negative_prompt"), shot.negative_prompt},
          {QStringLiteral("seed"), double(shot.seed)},
          {QStringLiteral("model"), project.defaults().model},
          {QStringLiteral("sampler"), shot.sampler},
          {QStringLiteral("steps"), shot.steps},
          {QStringLiteral("cfg"), shot.cfg_scale},
          {QStringLiteral("width"), shot.width},
          {QStringLiteral("height"), shot.height},
          {QStringLiteral("fps"), shot.fps},
          {QStringLiteral("duration_s"), shot.duration_s},
          {QStringLiteral("take"), take ? take->id : QString()},
          {QStringLiteral("render_hash"), take ? take->render_hash : QString()},
          {QStringLiteral("notes"), shot.notes},
          {QStringLiteral("dialogue"), shot.dialogue}};
}

QJsonObject track(const QString& name, const QString& kind, const QJsonArray& children) {
  QJsonObject t = item(QStringLiteral("Track.1"), name);
  t.insert(QStringLiteral("kind"), kind);
  t.insert(QStringLiteral("source_range"), QJsonValue());
  t.insert(QStringLiteral("children"), children);
  return t;
}

}  // namespace

QByteArray OtioWriter::toJson(const model::Project& project, const QString& projectFolder) {
  const double rate = project.defaults().fps;
  QJsonArray clips;
  double start_s = 0.0;
  int number = 0;
  for (int a = 0; a < model::Project::kActCount; ++a) {
    for (const model::Shot& shot : project.act(a).shots) {
      const long first = std::lround(start_s * rate);
      start_s += shot.duration_s;
      const long length = std::lround(start_s * rate) - first;
      ++number;
      QJsonObject clip = item(QStringLiteral("Clip.2"), QStringLiteral("%1 %2").arg(shot.id, shot.title).trimmed());
      clip.insert(QStringLiteral("metadata"), QJsonObject{{QStringLiteral("shotcraft"), shotMetadata(project, shot, a, number)}});
      // The source range is in the clip's own frames at the timeline rate, starting at its first frame.
      clip.insert(QStringLiteral("source_range"), timeRange(0, double(length), rate));
      clip.insert(QStringLiteral("media_references"),
                  QJsonObject{{QStringLiteral("DEFAULT_MEDIA"), takeReference(shot, projectFolder)}});
      clip.insert(QStringLiteral("active_media_reference_key"), QStringLiteral("DEFAULT_MEDIA"));
      clips.append(clip);
    }
  }
  QJsonObject video = track(QStringLiteral("Shots"), QStringLiteral("Video"), clips);
  QJsonArray markers;
  for (size_t i = 0; i < project.beats_s().size(); ++i) {
    markers.append(QJsonObject{{QStringLiteral("OTIO_SCHEMA"), QStringLiteral("Marker.2")},
                               {QStringLiteral("name"), QStringLiteral("beat %1").arg(i + 1)},
                               {QStringLiteral("metadata"), QJsonObject()},
                               {QStringLiteral("color"), QStringLiteral("YELLOW")},
                               {QStringLiteral("comment"), QString()},
                               {QStringLiteral("marked_range"),
                                timeRange(std::round(project.beats_s()[i] * rate), 0, rate)}});
  }
  video.insert(QStringLiteral("markers"), markers);
  QJsonArray tracks{video};

  if (const auto& audio = project.audio()) {
    const double total = std::lround(start_s * rate);
    QJsonArray children;
    double trackStart = 0.0;  // in timeline frames
    double sourceStart = audio->offset_s * rate;
    if (sourceStart < 0) {  // the track starts after the first shot: a gap first
      QJsonObject gap = item(QStringLiteral("Gap.1"), QString());
      gap.insert(QStringLiteral("source_range"), timeRange(0, -sourceStart, rate));
      children.append(gap);
      trackStart = -sourceStart;
      sourceStart = 0.0;
    }
    const QString file = QDir(projectFolder).filePath(QStringLiteral("assets/") + audio->path);
    QJsonObject clip = item(QStringLiteral("Clip.2"), QFileInfo(audio->path).fileName());
    clip.insert(QStringLiteral("metadata"),
                QJsonObject{{QStringLiteral("shotcraft"), QJsonObject{{QStringLiteral("gain_db"), audio->gain_db},
                                                                      {QStringLiteral("offset_s"), audio->offset_s}}}});
    clip.insert(QStringLiteral("source_range"), timeRange(sourceStart, std::max(0.0, total - trackStart), rate));
    clip.insert(QStringLiteral("media_references"),
                QJsonObject{{QStringLiteral("DEFAULT_MEDIA"),
                             QJsonObject{{QStringLiteral("OTIO_SCHEMA"), QStringLiteral("ExternalReference.1")},
                                         {QStringLiteral("name"), QFileInfo(file).fileName()},
                                         {QStringLiteral("metadata"), QJsonObject()},
                                         {QStringLiteral("available_range"), QJsonValue()},
                                         {QStringLiteral("target_url"), QUrl::fromLocalFile(QFileInfo(file).absoluteFilePath()).toString()}}}});
    clip.insert(QStringLiteral("active_media_reference_key"), QStringLiteral("DEFAULT_MEDIA"));
    children.append(clip);
    tracks.append(track(QStringLiteral("Music"), QStringLiteral("Audio"), children));
  }

  QJsonObject stack = item(QStringLiteral("Stack.1"), QStringLiteral("tracks"));
  stack.insert(QStringLiteral("source_range"), QJsonValue());
  stack.insert(QStringLiteral("children"), tracks);
  const QJsonObject timeline{
      {QStringLiteral("OTIO_SCHEMA"), QStringLiteral("Timeline.1")},
      {QStringLiteral("name"), project.name()},
      {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("shotcraft"),
                                                QJsonObject{{QStringLiteral("schema"), model::Project::kSchemaVersion},
                                                            {QStringLiteral("brief_title"), project.brief().title},
                                                            {QStringLiteral("model"), project.defaults().model}}}}},
      {QStringLiteral("global_start_time"), rationalTime(0, rate)},
      {QStringLiteral("tracks"), stack}};
  return QJsonDocument(timeline).toJson(QJsonDocument::Indented);
}

bool OtioWriter::write(const model::Project& project, const QString& projectFolder, const QString& path,
                       QString* error) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) {
    if (error) *error = QStringLiteral("cannot write '%1': %2").arg(path, file.errorString());
    return false;
  }
  file.write(toJson(project, projectFolder));
  if (!file.commit()) {
    if (error) *error = QStringLiteral("cannot write '%1': %2").arg(path, file.errorString());
    return false;
  }
  return true;
}

}  // namespace shotcraft::media
