#include "core/engine/GenerationRequest.h"

#include <array>

namespace shotcraft::engine {

namespace {
constexpr std::array<const char*, 3> kControlModeNames = {"auto", "balanced", "control_first"};
}

const char* controlModeName(ControlMode mode) { return kControlModeNames[size_t(mode)]; }

std::optional<ControlMode> controlModeFromName(const std::string& name) {
  for (size_t i = 0; i < kControlModeNames.size(); ++i) {
    if (name == kControlModeNames[i]) return ControlMode(i);
  }
  return std::nullopt;
}

}  // namespace shotcraft::engine
