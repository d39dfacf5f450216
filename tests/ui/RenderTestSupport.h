#pragma once
// Pieces of the render workflow tests: the shared FakeEngine (tests/common/FakeEngine.h) with a short sleep and
// one preview per step, registered as "torch" in a registry the test owns, and a saved project whose shot renders
// quickly.
#include <QString>
#include <QTemporaryDir>
#include <atomic>
#include <memory>

#include "core/engine/Engine.h"
#include "core/engine/EngineRegistry.h"

namespace shotcraft::ui {
class ProjectDocument;
}

namespace shotcraft::test {

struct FakeEngineStats {
  std::atomic<int> generateCalls{0};
  std::atomic<int> steps{0};
  // What the last engine was created with (device and precision as their enum values).
  std::atomic<int> createdThreads{-1};
  std::atomic<int> createdDevice{-1};
  std::atomic<int> createdPrecision{-1};
  std::atomic<int> createdOnGuiThread{-1};  // 1 when the last create() ran on the GUI thread, else 0
  std::atomic<int> createdNice{-100};       // the nice value of the thread that ran it (Linux)
};

// A registry holding one factory "torch" whose engines sleep `step_ms` per step.
std::unique_ptr<engine::EngineRegistry> makeFakeRegistry(int step_ms, std::shared_ptr<FakeEngineStats> stats = {});

// Saves sampleProject() into dir/Render.shotcraft and shortens its second shot to 2 frames (0.5 s at 4 fps);
// returns that shot's id. Also points the studio's model folder setting at `dir` (the fake needs no files).
QString prepareRenderProject(ui::ProjectDocument& document, const QTemporaryDir& dir);

}  // namespace shotcraft::test
