#pragma once
// Where a project's frames come from: each shot's selected take (PNG frames under takes/<frames>/), else a
// placeholder card. Used by the exporter and by the PDF boards.
#include <QString>
#include <QStringList>
#include <memory>

#include "core/media/FrameSource.h"
#include "core/media/Timeline.h"
#include "core/model/Project.h"

namespace shotcraft::media {

// The frames of `shot` (1-based `number` in play order). A shot without a selected take, or whose take folder
// holds no frames, gets a PlaceholderFrameSource of placeholderWidth x placeholderHeight; *note (may be null)
// then says why for a take that was expected ("s03: take t02: take folder '...' does not exist").
std::unique_ptr<FrameSource> shotFrames(const model::Shot& shot, int number, const QString& projectFolder,
                                        int placeholderWidth, int placeholderHeight, QString* note = nullptr);

// Every shot in play order as a timeline. options.width/height/fps of 0 take the project's defaults.
// *notes (may be null) collects one line per selected take whose frames are missing.
Timeline projectTimeline(const model::Project& project, const QString& projectFolder, TimelineOptions options,
                         QStringList* notes = nullptr);

}  // namespace shotcraft::media
