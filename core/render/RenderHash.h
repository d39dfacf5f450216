#pragma once
// The frame-cache key of a take: SHA-256 over a canonical serialisation of every input that changes its frames.
#include <QJsonObject>
#include <QString>

#include "core/engine/Engine.h"
#include "core/render/RenderSettings.h"

namespace shotcraft::model {
struct Shot;
}

namespace shotcraft::render {

class ControlFrames;

// The inputs as JSON: renderer version, mode, the engine's model name and settings.model_id, prompt, negative,
// seed, sampler, cfg, the effective size and steps of the mode, the shot's size, duration and fps, the camera
// path (every key, handle and easing), the controls with their files' SHA-256, and every render setting.
// Shot title, notes, dialogue and takes are not inputs.
QJsonObject renderInputs(const model::Shot& shot, RenderMode mode, const RenderSettings& settings,
                         const engine::EngineInfo& engineInfo, const ControlFrames& controls);

// SHA-256 hex (64 characters) of the compact JSON text of `inputs` (Qt writes object keys sorted, so equal
// inputs give equal text).
QString renderHash(const QJsonObject& inputs);

}  // namespace shotcraft::render
