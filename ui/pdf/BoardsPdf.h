#pragma once
// Storyboard boards as a PDF for a client: each act starts a page with its header, then rows x columns panels per
// page. A panel shows the shot number, duration, first and last frame (or the placeholder card) with the camera
// move drawn over the first frame, the prompt, seed and sampler, and the notes. CJK text renders with the Noto
// CJK fonts (fonts-noto-cjk). Needs a QGuiApplication (the offscreen platform is enough).
#include <QPageLayout>
#include <QPageSize>
#include <QString>

#include "core/model/Project.h"

namespace shotcraft::boards {

struct BoardsOptions {
  QPageSize::PageSizeId paper = QPageSize::A4;
  QPageLayout::Orientation orientation = QPageLayout::Portrait;
  int columns = 3;  // --grid COLUMNSxROWS
  int rows = 2;
  int resolution_dpi = 150;
};

class BoardsPdf {
 public:
  // Pages the document will have: for each act with shots, ceil(shots / (rows * columns)); 1 for an empty project.
  static int pageCount(const model::Project& project, const BoardsOptions& options);

  // Writes `path` atomically (QSaveFile). False with one line in *error ("cannot write 'x.pdf': ...",
  // "--grid: ...", "export-pdf needs a QGuiApplication").
  static bool write(const model::Project& project, const QString& projectFolder, const QString& path,
                    const BoardsOptions& options, QString* error);
};

}  // namespace shotcraft::boards
