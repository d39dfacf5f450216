#pragma once
// The cut as an OpenTimelineIO timeline (.otio JSON) so an editor can rebuild it: one clip per shot in play
// order on a video track (its take's frames as an ImageSequenceReference, or a MissingReference for a shot that
// has none), with the shot's prompt, seed, model and sampler under metadata["shotcraft"]; beat markers on the
// track; the project's audio (if any) on an audio track at its offset.
//
// Times use the project's default fps as the timeline rate and the exporter's frame boundaries
// (round(start_s * fps)), so clip cuts fall on the same frames as an exported video.
#include <QByteArray>
#include <QString>

#include "core/model/Project.h"

namespace shotcraft::media {

class OtioWriter {
 public:
  // The timeline as indented JSON. `projectFolder` resolves take folders and the audio file to file:// URLs.
  static QByteArray toJson(const model::Project& project, const QString& projectFolder);

  // Writes toJson() to `path` atomically (QSaveFile). False with "cannot write 'x.otio': reason".
  static bool write(const model::Project& project, const QString& projectFolder, const QString& path,
                    QString* error);
};

}  // namespace shotcraft::media
