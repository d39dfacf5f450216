#pragma once
// The cut as Final Cut Pro XML (FCPXML 1.9), beside the OpenTimelineIO list, so an editor in Final Cut Pro or
// DaVinci Resolve can rebuild it: one item per shot in play order on the primary storyline, each named
// "s03 Title", with the prompt as its note and prompt, seed, model, sampler, steps, cfg, take and dialogue as
// <metadata><md key="com.shotcraft.*" value="..."/>.
//
// A shot with a rendered take is an <asset-clip> whose asset is the take's first frame (FCPXML has no image
// sequences; the frames folder is in the "com.shotcraft.frames" metadata for relinking); a shot without one is a
// <gap> of the same length. Times are rational seconds on the project fps ("7/12s"), on the exporter's frame
// boundaries (round(start_s * fps)), so cuts fall on the same frames as an exported video.
#include <QByteArray>
#include <QString>

#include "core/model/Project.h"

namespace shotcraft::media {

class FcpxmlWriter {
 public:
  // The document. `projectFolder` resolves take folders to file:// URLs.
  static QByteArray toXml(const model::Project& project, const QString& projectFolder);

  // Writes toXml() to `path` atomically (QSaveFile). False with "cannot write 'x.fcpxml': reason".
  static bool write(const model::Project& project, const QString& projectFolder, const QString& path,
                    QString* error);
};

}  // namespace shotcraft::media
