#pragma once
// Paints one shot's panel of the boards into a rectangle (used by BoardsPdf; usable on any QPainter).
#include <QFont>
#include <QImage>
#include <QPainter>
#include <QRectF>

#include "core/model/Shot.h"

namespace shotcraft::boards {

struct PanelContent {
  const model::Shot* shot = nullptr;
  int number = 1;        // 1-based in play order
  QImage first;          // first frame (or placeholder)
  QImage last;           // last frame
  bool placeholder = false;
};

class BoardsPanel {
 public:
  // `unit` is the height of one text line in device pixels; everything scales from it.
  static void paint(QPainter& painter, const QRectF& rect, const PanelContent& content, double unit);

  // The boards' font at a pixel size (Latin face first, CJK fallback).
  static QFont font(double pixelSize, bool bold = false, bool italic = false);

  // The camera move over `frame`: a dashed rectangle for the framing at the shot's end and an arrow from the
  // start framing's centre to the end's (pan), with the zoom/roll values written beside it; nothing for a
  // static camera.
  static void paintCameraOverlay(QPainter& painter, const QRectF& frame, const model::Shot& shot, double unit);
};

}  // namespace shotcraft::boards
