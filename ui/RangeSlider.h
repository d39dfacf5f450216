#pragma once
// A horizontal slider with two handles choosing a sub-range [lower, upper] of 0..1 (used for a control's start/end
// fraction of the denoising schedule). Values snap to kStep. Drag a handle, click the track to move the nearer
// handle there, or use Left/Right (Shift: by 0.1) on the handle touched last; Up/Down pick the other handle.
#include <QWidget>

namespace shotcraft::ui {

class RangeSlider : public QWidget {
  Q_OBJECT
 public:
  explicit RangeSlider(QWidget* parent = nullptr);

  double lower() const { return m_lower; }
  double upper() const { return m_upper; }
  // Shows a range (clamped to 0..1, lower <= upper) without emitting rangeEdited.
  void setRange(double lower, double upper);
  bool isDragging() const { return m_drag != Handle::None; }

  double xForValue(double v) const;  // widget x of a value (for painting and tests)
  double valueForX(double x) const;  // snapped to kStep, clamped to 0..1

  static constexpr double kStep = 0.01;

  QSize sizeHint() const override { return {200, 22}; }
  QSize minimumSizeHint() const override { return {80, 22}; }

 signals:
  void dragStarted();                            // a handle was pressed: a new gesture begins
  void rangeEdited(double lower, double upper);  // the person moved a handle

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;

 private:
  enum class Handle { None, Lower, Upper };
  void moveHandle(Handle handle, double value);

  double m_lower = 0.0;
  double m_upper = 1.0;
  Handle m_drag = Handle::None;
  Handle m_focus = Handle::Lower;  // the handle the keys move
};

}  // namespace shotcraft::ui
