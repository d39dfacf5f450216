#pragma once
// The frame shapes a shot can have.
#include <QString>
#include <optional>

namespace shotcraft::model {

enum class AspectRatio { Wide16x9, Tall9x16, Square1x1, Classic4x3, Scope239x1 };

// JSON names: "16:9", "9:16", "1:1", "4:3", "2.39:1".
QString aspectRatioName(AspectRatio aspect);
std::optional<AspectRatio> aspectRatioFromName(const QString& name);
// Width over height (16:9 -> 1.777...).
double aspectRatioValue(AspectRatio aspect);

}  // namespace shotcraft::model
