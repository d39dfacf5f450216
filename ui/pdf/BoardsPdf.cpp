#include "ui/pdf/BoardsPdf.h"

#include <QFontMetricsF>
#include <QGuiApplication>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <cmath>

#include "core/media/ProjectFrames.h"
#include "ui/pdf/BoardsPanel.h"

namespace shotcraft::boards {

namespace {

QImage toQImage(const Image& image) {
  if (image.empty() || image.channels != 3) return {};
  QImage wrapped(image.data.data(), image.width, image.height, image.width * 3, QImage::Format_RGB888);
  return wrapped.copy();  // own the pixels
}

PanelContent panelFor(const model::Shot& shot, int number, const QString& projectFolder) {
  PanelContent c;
  c.shot = &shot;
  c.number = number;
  auto frames = media::shotFrames(shot, number, projectFolder, shot.width, shot.height);
  c.placeholder = frames->isPlaceholder();
  Image img;
  std::string ignored;
  if (frames->frame(0, img, &ignored)) c.first = toQImage(img);
  if (frames->frame(frames->frameCount() - 1, img, &ignored)) c.last = toQImage(img);
  return c;
}

QFont headerFont(double pixelSize, bool bold) { return BoardsPanel::font(pixelSize, bold); }

}  // namespace

int BoardsPdf::pageCount(const model::Project& project, const BoardsOptions& options) {
  const int perPage = std::max(1, options.rows * options.columns);
  int pages = 0;
  for (const model::Act& act : project.acts()) pages += (int(act.shots.size()) + perPage - 1) / perPage;
  return std::max(1, pages);
}

bool BoardsPdf::write(const model::Project& project, const QString& projectFolder, const QString& path,
                      const BoardsOptions& options, QString* error) {
  auto fail = [&](const QString& message) {
    if (error) *error = message;
    return false;
  };
  if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance())) {
    return fail(QStringLiteral("drawing a PDF needs a QGuiApplication (run with QT_QPA_PLATFORM=offscreen)"));
  }
  if (options.rows < 1 || options.columns < 1 || options.rows > 8 || options.columns > 8) {
    return fail(QStringLiteral("--grid: columns and rows must be 1..8"));
  }
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) {
    return fail(QStringLiteral("cannot write '%1': %2").arg(path, file.errorString()));
  }
  QPdfWriter pdf(&file);
  pdf.setTitle(project.name() + QStringLiteral(" - storyboard"));
  pdf.setCreator(QStringLiteral("Shotcraft ") + QStringLiteral(SHOTCRAFT_VERSION));
  pdf.setResolution(options.resolution_dpi);
  pdf.setPageLayout(QPageLayout(QPageSize(options.paper), options.orientation, QMarginsF(10, 10, 10, 10),
                                QPageLayout::Millimeter));
  QPainter painter;
  if (!painter.begin(&pdf)) return fail(QStringLiteral("cannot write '%1': the PDF could not be started").arg(path));
  painter.setRenderHint(QPainter::Antialiasing);
  painter.setRenderHint(QPainter::SmoothPixmapTransform);

  const QRectF page(QPointF(0, 0), QSizeF(pdf.width(), pdf.height()));
  const double unit = std::max(8.0, page.height() / (options.orientation == QPageLayout::Landscape ? 48.0 : 64.0));
  const int perPage = options.rows * options.columns;
  const int totalPages = pageCount(project, options);
  int pageNumber = 0;
  int shotNumber = 0;

  auto newPage = [&](int act, int firstShot) {
    if (pageNumber > 0) pdf.newPage();
    ++pageNumber;
    painter.setPen(QColor(20, 20, 24));
    painter.setFont(headerFont(unit * 1.4, true));
    const QString actTitle = act >= 0 ? QStringLiteral("Act %1: %2").arg(act + 1).arg(project.act(act).title)
                                      : QStringLiteral("No shots");
    const QRectF headerRect(page.left(), page.top(), page.width(), unit * 2.0);
    const double titleWidth = QFontMetricsF(painter.font()).horizontalAdvance(actTitle) + unit;
    painter.drawText(headerRect, Qt::AlignLeft | Qt::AlignVCenter, actTitle);
    painter.setFont(headerFont(unit * 0.8, false));
    painter.setPen(QColor(90, 90, 100));
    const QString right = project.brief().title.isEmpty() ? project.name() : project.brief().title;
    painter.drawText(headerRect, Qt::AlignRight | Qt::AlignVCenter,
                     QFontMetricsF(painter.font()).elidedText(right, Qt::ElideRight, headerRect.width() - titleWidth));
    painter.drawLine(QLineF(page.left(), headerRect.bottom(), page.right(), headerRect.bottom()));
    const QRectF footer(page.left(), page.bottom() - unit * 1.2, page.width(), unit * 1.2);
    painter.drawText(footer, Qt::AlignLeft | Qt::AlignVCenter,
                     QStringLiteral("%1  |  %2").arg(project.name(), project.summary()));
    painter.drawText(footer, Qt::AlignRight | Qt::AlignVCenter,
                     QStringLiteral("shots from %1  |  page %2 of %3").arg(firstShot).arg(pageNumber).arg(totalPages));
    return QRectF(page.left(), headerRect.bottom() + unit * 0.6, page.width(),
                  footer.top() - headerRect.bottom() - unit * 1.0);
  };

  for (int a = 0; a < model::Project::kActCount; ++a) {
    const auto& shots = project.act(a).shots;
    QRectF grid;
    for (size_t i = 0; i < shots.size(); ++i) {
      const int slot = int(i) % perPage;
      if (slot == 0) grid = newPage(a, shotNumber + 1);
      const double gap = unit * 0.5;
      const double cellW = (grid.width() - gap * (options.columns - 1)) / options.columns;
      const double cellH = (grid.height() - gap * (options.rows - 1)) / options.rows;
      const QRectF cell(grid.left() + (slot % options.columns) * (cellW + gap),
                        grid.top() + (slot / options.columns) * (cellH + gap), cellW, cellH);
      const PanelContent content = panelFor(shots[i], ++shotNumber, projectFolder);
      BoardsPanel::paint(painter, cell, content, std::min(unit, cellH / 14.0));
    }
  }
  if (pageNumber == 0) newPage(-1, 0);
  if (!painter.end()) return fail(QStringLiteral("cannot write '%1': the PDF could not be finished").arg(path));
  if (!file.commit()) return fail(QStringLiteral("cannot write '%1': %2").arg(path, file.errorString()));
  return true;
}

}  // namespace shotcraft::boards
