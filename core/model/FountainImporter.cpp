#include "core/model/FountainImporter.h"

#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <cmath>

namespace shotcraft::model {

namespace {
bool fail(QString* error, const QString& message) {
  if (error) *error = message;
  return false;
}

uint64_t stableSeed(const QString& heading, int index) {
  uint64_t h = 1469598103934665603ULL;  // FNV-1a
  const QByteArray bytes = (heading + QLatin1Char('#') + QString::number(index)).toUtf8();
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h & 0x7fffffffULL;
}

QString clipped(const QString& s, qsizetype maxChars) { return s.size() <= maxChars ? s : s.left(maxChars); }
}  // namespace

double FountainImporter::estimateDuration_s(int actionWords, int dialogueWords) {
  const double seconds = actionWords / 15.0 + dialogueWords / 3.0;
  return std::clamp(std::round(seconds * 2.0) / 2.0, 2.0, 12.0);
}

int FountainImporter::actForPosition(double midFraction) {
  if (midFraction < 0.25) return 0;
  if (midFraction < 0.75) return 1;
  return 2;
}

bool FountainImporter::importFile(const QString& scriptPath, const QString& fallbackName, Project* out,
                                  QString* error) {
  const QFileInfo info(scriptPath);
  if (!info.exists()) return fail(error, QStringLiteral("%1: no such file").arg(scriptPath));
  if (!info.isFile()) return fail(error, QStringLiteral("%1: not a regular file").arg(scriptPath));
  if (info.size() > FountainParser::kMaxScriptBytes) {
    return fail(error, QStringLiteral("%1: too large for a script (limit 16 MiB)").arg(scriptPath));
  }
  QFile f(scriptPath);
  if (!f.open(QIODevice::ReadOnly)) {
    return fail(error, QStringLiteral("cannot read %1: %2").arg(scriptPath, f.errorString()));
  }
  const QByteArray bytes = f.read(FountainParser::kMaxScriptBytes + 1);
  if (f.error() != QFileDevice::NoError) {
    return fail(error, QStringLiteral("cannot read %1: %2").arg(scriptPath, f.errorString()));
  }
  if (bytes.size() > FountainParser::kMaxScriptBytes) {
    return fail(error, QStringLiteral("%1: too large for a script (limit 16 MiB)").arg(scriptPath));
  }
  QString text;
  QString why;
  if (!FountainParser::decode(bytes, &text, &why)) return fail(error, scriptPath + QStringLiteral(": ") + why);
  if (!importText(text, fallbackName, out, &why)) return fail(error, scriptPath + QStringLiteral(": ") + why);
  return true;
}

bool FountainImporter::importText(const QString& text, const QString& fallbackName, Project* out, QString* error) {
  if (text.trimmed().isEmpty()) return fail(error, QStringLiteral("the script is empty"));
  return fromScript(FountainParser::parse(text), fallbackName, out, error);
}

bool FountainImporter::fromScript(const FountainScript& script, const QString& fallbackName, Project* out,
                                  QString* error) {
  if (script.scenes.empty()) {
    return fail(error, QStringLiteral("no scene headings found (a scene starts with INT., EXT., EST., I/E or '.')"));
  }
  Project project;
  const QString title = clipped(script.titlePageValue(QStringLiteral("Title")), 200);
  const QString name = !title.trimmed().isEmpty() ? title
                       : !fallbackName.trimmed().isEmpty() ? clipped(fallbackName, 200)
                                                           : QStringLiteral("Imported script");
  project.requestSetName(name);
  Brief brief;
  brief.title = name;
  brief.video_type = VideoType::MicroFilm;
  project.requestSetBrief(brief);

  const bool explicitActs = !script.sections.isEmpty();
  if (explicitActs) {
    for (int a = 0; a < Project::kActCount && a < script.sections.size(); ++a) {
      project.requestSetActTitle(a, clipped(script.sections[a], 1000));
    }
  }
  // Action-text length decides the 25/50/25 split; a scene without action still counts one character.
  double totalLength = 0.0;
  for (const FountainScene& s : script.scenes) totalLength += double(std::max<qsizetype>(s.action.size(), 1));

  double before = 0.0;
  for (size_t i = 0; i < script.scenes.size(); ++i) {
    const FountainScene& scene = script.scenes[i];
    const double length = double(std::max<qsizetype>(scene.action.size(), 1));
    const int act = explicitActs ? std::clamp(scene.section, 0, Project::kActCount - 1)
                                 : actForPosition((before + length / 2.0) / totalLength);
    before += length;

    Shot shot = project.makeShot();
    shot.title = clipped(scene.heading, 1000);
    shot.prompt = clipped(scene.action.isEmpty() ? scene.heading : scene.action, 10000);
    shot.dialogue = clipped(scene.dialogue.join(QLatin1Char('\n')), 10000);
    shot.notes = clipped(scene.notes.join(QLatin1Char('\n')), 10000);
    shot.duration_s = estimateDuration_s(FountainParser::wordCount(scene.action), scene.dialogueWords);
    shot.seed = stableSeed(scene.heading, int(i));
    QString why;
    const int row = int(project.act(act).shots.size());
    if (!project.requestInsertShot(act, row, shot, &why)) {
      return fail(error, QStringLiteral("scene %1 (%2): %3").arg(i + 1).arg(scene.heading, why));
    }
  }
  if (out) *out = std::move(project);
  return true;
}

}  // namespace shotcraft::model
