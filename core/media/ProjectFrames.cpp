#include "core/media/ProjectFrames.h"

#include <QDir>

#include "core/media/PlaceholderFrameSource.h"
#include "core/media/TakeFrameSource.h"

namespace shotcraft::media {

std::unique_ptr<FrameSource> shotFrames(const model::Shot& shot, int number, const QString& projectFolder,
                                        int placeholderWidth, int placeholderHeight, QString* note) {
  PlaceholderCard card;
  card.number = number;
  card.shotId = shot.id;
  card.title = shot.title;
  card.duration_s = shot.duration_s;
  card.fps = shot.fps;
  if (const model::Take* take = shot.selectedTake()) {
    const QString folder = QDir(projectFolder).filePath(QStringLiteral("takes/") + take->frames);
    auto source = std::make_unique<TakeFrameSource>();
    std::string error;
    if (!take->frames.isEmpty() && source->open(folder, shot.fps, &error)) return source;
    if (take->frames.isEmpty()) error = "no frames folder recorded";
    card.reason = QStringLiteral("take %1 has no frames").arg(take->id);
    if (note) *note = QStringLiteral("%1: take %2: %3").arg(shot.id, take->id, QString::fromStdString(error));
  }
  return std::make_unique<PlaceholderFrameSource>(card, placeholderWidth, placeholderHeight);
}

Timeline projectTimeline(const model::Project& project, const QString& projectFolder, TimelineOptions options,
                         QStringList* notes) {
  if (options.width <= 0 || options.height <= 0) {
    options.width = project.defaults().width;
    options.height = project.defaults().height;
  }
  if (options.fps <= 0) options.fps = project.defaults().fps;
  std::vector<TimelineClip> clips;
  int number = 0;
  for (const model::Act& act : project.acts()) {
    for (const model::Shot& shot : act.shots) {
      TimelineClip clip;
      QString note;
      clip.source = shotFrames(shot, ++number, projectFolder, options.width, options.height, &note);
      if (!note.isEmpty() && notes) *notes << note;
      clip.duration_s = shot.duration_s;
      clip.number = number;
      clip.shotId = shot.id;
      clip.dialogue = shot.dialogue;
      clips.push_back(std::move(clip));
    }
  }
  return Timeline(std::move(clips), options);
}

}  // namespace shotcraft::media
