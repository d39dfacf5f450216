#pragma once
// Conversions between the engine's plain Image and Qt's QImage (deep copies; safe on any thread).
#include <QImage>

#include "core/engine/Image.h"

namespace shotcraft::ui {

// RGB -> Format_RGB888, grey -> Format_Grayscale8; a null QImage for an empty or malformed Image.
QImage toQImage(const Image& image);

}  // namespace shotcraft::ui
