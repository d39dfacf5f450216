#pragma once
// How a shot's picture on the storyboard relates to its current settings.
namespace shotcraft::ui {

enum class Freshness {
  None,       // no take yet
  Rendered,   // the selected take matches the shot's current render inputs
  Stale,      // the shot was edited since the selected take was rendered
  Rendering,  // a render of the shot is queued or running
  Failed,     // the last render of the shot failed
};

}  // namespace shotcraft::ui
