#pragma once
// The map a control slot feeds the engine, for showing in the studio (no OpenCV in the caller's headers).
// Same rules as ControlFrames: a folder source is an image sequence (its first file is shown), a "map" file is
// used as it is, an "image" file is turned into edges for canny (cv::Canny 100/200 at the file's own size).
#include <QString>

#include "core/engine/Image.h"
#include "core/model/ControlSettings.h"

namespace shotcraft::render {

// Reads `slot`'s source under `assetsDir` and returns its map, scaled down (never up) so that its longer side is at
// most maxSide_px. False with a one-line *error when the slot has no source, the file or folder is missing or
// unreadable, or a picture would need a depth/pose extractor (then the picture itself is returned in *out and
// *error explains; the caller may still show it).
bool controlPreview(const model::ControlSlot& slot, model::ControlKind kind, const QString& assetsDir, int maxSide_px,
                    Image* out, QString* error);

}  // namespace shotcraft::render
