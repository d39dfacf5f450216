#pragma once
// One render of one shot (internal to ShotRenderer): the keyframe chain, the hires pass, the in-betweens and the
// partial take they are streamed into, in frame order.
#include <QString>
#include <opencv2/core.hpp>
#include <vector>

#include "core/engine/CancelToken.h"
#include "core/engine/Engine.h"
#include "core/model/Shot.h"
#include "core/render/ColourCoherence.h"
#include "core/render/ControlFrames.h"
#include "core/render/FlowInterpolator.h"
#include "core/render/ShotRenderer.h"
#include "core/render/TakeStore.h"

namespace shotcraft::render {

class ShotJob {
 public:
  ShotJob(engine::IEngine& engine, const RenderSettings& settings, const model::Shot& shot, const QString& projectDir,
          const ProgressFn& progress, const engine::CancelToken& cancel);

  // Control files are hashed through `hashes` (not owned; may be null) when set before prepare().
  void setFileHashCache(FileHashCache* hashes) { m_hashes = hashes; }
  // Loads the controls and computes the cache keys; false with *error.
  bool prepare(QString* error);
  QString hash(RenderMode mode) const;
  QJsonObject inputs(RenderMode mode) const;
  int frameCount() const { return m_frameCount; }
  const std::vector<int>& keyframeIndices() const { return m_keyIndex; }

  // Renders every frame into takes/<hash>.partial/ and commits it. On failure or cancellation the partial
  // folder is removed and *error says why (*cancelled set when the cancel token stopped it).
  bool render(RenderMode mode, TakeInfo* info, int* keyframesDrawn, QString* error, bool* cancelled);

 private:
  bool checkCancel(QString* error);
  // The draft-size keyframe k of the chain (from the draft take when on disk, else drawn from keyframe k - 1).
  bool draftKeyframe(int k, cv::Mat* out, QString* error);
  // Final mode: draft keyframe k upscaled and refined at the shot's size.
  bool hiresKeyframe(int k, const cv::Mat& draft, cv::Mat* out, QString* error);
  bool generate(int k, int frame, FrameSize size, int steps, const cv::Mat& init, double strength, cv::Mat* out,
                QString* error);
  bool inbetweens(int k, const cv::Mat& a, const cv::Mat& b, QString* error);
  bool emitFrame(int frame, const cv::Mat& rgb, bool keyframe, QString* error);
  uint64_t seedOf(int k) const;

  engine::IEngine& m_engine;
  const RenderSettings m_settings;  // as they apply to this shot (RenderSettings::forShot)
  const model::Shot& m_shot;
  QString m_projectDir;
  const ProgressFn& m_progress;
  engine::CancelToken m_cancel;
  TakeStore m_store;
  ControlFrames m_controls;
  FlowInterpolator m_flow;
  engine::EngineInfo m_engineInfo;
  FileHashCache* m_hashes = nullptr;

  int m_frameCount = 0;
  std::vector<int> m_keyIndex;
  bool m_engineCancelled = false;

  // Per render.
  RenderMode m_mode = RenderMode::Draft;
  QString m_hash;
  FrameSize m_size;        // frames written
  FrameSize m_draftSize;   // keyframe chain
  bool m_haveDraftTake = false;
  QString m_draftHash;
  cv::Mat m_prevDraftKey;  // draft keyframe k - 1 (colour matched)
  LabStats m_draftReference;
  LabStats m_finalReference;
  cv::Mat m_prevFrame;     // last frame written (flicker)
  double m_flickerSum = 0.0;
  int m_flickerPairs = 0;
  int m_framesDone = 0;
  int m_drawn = 0;
};

}  // namespace shotcraft::render
