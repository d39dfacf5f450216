#include "core/media/FcpxmlWriter.h"

#include <QDir>
#include <QSaveFile>
#include <QUrl>
#include <QXmlStreamWriter>
#include <cmath>
#include <vector>

#include "core/media/TakeFrameSource.h"

namespace shotcraft::media {

namespace {

// `frames` at `fps` as FCPXML rational seconds: "0s", "3s" or "7/12s".
QString rational(long frames, int fps) {
  if (frames % fps == 0) return QStringLiteral("%1s").arg(frames / fps);
  return QStringLiteral("%1/%2s").arg(frames).arg(fps);
}

struct Item {
  const model::Shot* shot;
  int act;
  int number;
  long offset;    // timeline frames
  long duration;  // timeline frames
  QString assetId;  // "" for a gap
  QString firstFrameUrl;
  QString framesUrl;
};

void metadata(QXmlStreamWriter& xml, const model::Project& project, const Item& item) {
  const model::Shot& shot = *item.shot;
  const model::Take* take = shot.selectedTake();
  const std::pair<const char*, QString> fields[] = {
      {"shot_id", shot.id},
      {"number", QString::number(item.number)},
      {"act", QString::number(item.act + 1)},
      {"title", shot.title},
      {"prompt", shot.prompt},
      {"negative_prompt", shot.negative_prompt},
      {"seed", QString::number(shot.seed)},
      {"model", project.defaults().model},
      {"sampler", shot.sampler},
      {"steps", QString::number(shot.steps)},
      {"cfg", QString::number(shot.cfg_scale)},
      {"size", QStringLiteral("%1x%2").arg(shot.width).arg(shot.height)},
      {"fps", QString::number(shot.fps)},
      {"take", take ? take->id : QString()},
      {"render_hash", take ? take->render_hash : QString()},
      {"frames", item.framesUrl},
      {"dialogue", shot.dialogue},
      {"notes", shot.notes},
  };
  xml.writeStartElement(QStringLiteral("metadata"));
  for (const auto& [key, value] : fields) {
    xml.writeEmptyElement(QStringLiteral("md"));
    xml.writeAttribute(QStringLiteral("key"), QStringLiteral("com.shotcraft.") + QLatin1String(key));
    xml.writeAttribute(QStringLiteral("value"), value);
  }
  xml.writeEndElement();
}

}  // namespace

QByteArray FcpxmlWriter::toXml(const model::Project& project, const QString& projectFolder) {
  const int fps = std::max(1, project.defaults().fps);
  const int width = project.defaults().width;
  const int height = project.defaults().height;

  std::vector<Item> items;
  double start_s = 0.0;
  int number = 0;
  int nextId = 2;  // r1 is the format
  for (int a = 0; a < model::Project::kActCount; ++a) {
    for (const model::Shot& shot : project.act(a).shots) {
      Item item{&shot, a, ++number, std::lround(start_s * fps), 0, {}, {}, {}};
      start_s += shot.duration_s;
      item.duration = std::lround(start_s * fps) - item.offset;
      if (const model::Take* take = shot.selectedTake(); take && !take->frames.isEmpty()) {
        const QString folder = QDir(projectFolder).filePath(QStringLiteral("takes/") + take->frames);
        TakeFrameSource frames;
        std::string error;
        if (frames.open(folder, shot.fps, &error)) {
          item.assetId = QStringLiteral("r%1").arg(nextId++);
          item.firstFrameUrl = QUrl::fromLocalFile(frames.files().front()).toString();
          item.framesUrl = QUrl::fromLocalFile(QDir(folder).absolutePath()).toString() + QLatin1Char('/');
        }
      }
      items.push_back(item);
    }
  }
  const long total = std::lround(start_s * fps);
  const QString name = project.name().isEmpty() ? QStringLiteral("Shotcraft cut") : project.name();

  QByteArray out;
  QXmlStreamWriter xml(&out);
  xml.setAutoFormatting(true);
  xml.setAutoFormattingIndent(2);
  xml.writeStartDocument();
  xml.writeDTD(QStringLiteral("<!DOCTYPE fcpxml>"));
  xml.writeStartElement(QStringLiteral("fcpxml"));
  xml.writeAttribute(QStringLiteral("version"), QStringLiteral("1.9"));

  xml.writeStartElement(QStringLiteral("resources"));
  xml.writeEmptyElement(QStringLiteral("format"));
  xml.writeAttribute(QStringLiteral("id"), QStringLiteral("r1"));
  xml.writeAttribute(QStringLiteral("frameDuration"), rational(1, fps));
  xml.writeAttribute(QStringLiteral("width"), QString::number(width));
  xml.writeAttribute(QStringLiteral("height"), QString::number(height));
  for (const Item& item : items) {
    if (item.assetId.isEmpty()) continue;
    xml.writeStartElement(QStringLiteral("asset"));
    xml.writeAttribute(QStringLiteral("id"), item.assetId);
    xml.writeAttribute(QStringLiteral("name"), QStringLiteral("%1 %2").arg(item.shot->id, item.shot->selected_take));
    xml.writeAttribute(QStringLiteral("start"), QStringLiteral("0s"));
    xml.writeAttribute(QStringLiteral("duration"), rational(item.duration, fps));
    xml.writeAttribute(QStringLiteral("hasVideo"), QStringLiteral("1"));
    xml.writeAttribute(QStringLiteral("format"), QStringLiteral("r1"));
    xml.writeEmptyElement(QStringLiteral("media-rep"));
    xml.writeAttribute(QStringLiteral("kind"), QStringLiteral("original-media"));
    xml.writeAttribute(QStringLiteral("src"), item.firstFrameUrl);
    xml.writeEndElement();  // asset
  }
  xml.writeEndElement();  // resources

  xml.writeStartElement(QStringLiteral("library"));
  xml.writeStartElement(QStringLiteral("event"));
  xml.writeAttribute(QStringLiteral("name"), name);
  xml.writeStartElement(QStringLiteral("project"));
  xml.writeAttribute(QStringLiteral("name"), name);
  xml.writeStartElement(QStringLiteral("sequence"));
  xml.writeAttribute(QStringLiteral("format"), QStringLiteral("r1"));
  xml.writeAttribute(QStringLiteral("duration"), rational(total, fps));
  xml.writeAttribute(QStringLiteral("tcStart"), QStringLiteral("0s"));
  xml.writeAttribute(QStringLiteral("tcFormat"), QStringLiteral("NDF"));
  xml.writeStartElement(QStringLiteral("spine"));
  for (const Item& item : items) {
    if (item.duration <= 0) continue;  // a shot shorter than half a frame has no frames in the cut
    xml.writeStartElement(item.assetId.isEmpty() ? QStringLiteral("gap") : QStringLiteral("asset-clip"));
    if (!item.assetId.isEmpty()) xml.writeAttribute(QStringLiteral("ref"), item.assetId);
    xml.writeAttribute(QStringLiteral("name"), QStringLiteral("%1 %2").arg(item.shot->id, item.shot->title).trimmed());
    xml.writeAttribute(QStringLiteral("offset"), rational(item.offset, fps));
    xml.writeAttribute(QStringLiteral("start"), QStringLiteral("0s"));
    xml.writeAttribute(QStringLiteral("duration"), rational(item.duration, fps));
    if (!item.shot->prompt.isEmpty()) xml.writeTextElement(QStringLiteral("note"), item.shot->prompt);
    metadata(xml, project, item);
    xml.writeEndElement();
  }
  xml.writeEndElement();  // spine
  xml.writeEndElement();  // sequence
  xml.writeEndElement();  // project
  xml.writeEndElement();  // event
  xml.writeEndElement();  // library
  xml.writeEndElement();  // fcpxml
  xml.writeEndDocument();
  return out;
}

bool FcpxmlWriter::write(const model::Project& project, const QString& projectFolder, const QString& path,
                         QString* error) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) {
    if (error) *error = QStringLiteral("cannot write '%1': %2").arg(path, file.errorString());
    return false;
  }
  file.write(toXml(project, projectFolder));
  if (!file.commit()) {
    if (error) *error = QStringLiteral("cannot write '%1': %2").arg(path, file.errorString());
    return false;
  }
  return true;
}

}  // namespace shotcraft::media
