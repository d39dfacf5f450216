#include "ui/pdf/BoardsCommand.h"

#include <QCommandLineParser>
#include <QRegularExpression>
#include <cstring>

#include "core/cli/EngineOptionsCli.h"
#include "core/model/ProjectIo.h"
#include "ui/pdf/BoardsPdf.h"

namespace shotcraft::boards {

namespace {
const char* kUsage = "export-pdf PROJECT -o OUT.pdf [--paper A4|Letter|A3|Legal] [--landscape] [--grid 3x2]";
}

int cmdExportPdf(const QStringList& args, cli::Context& ctx) {
  QCommandLineParser p;
  p.setApplicationDescription(QStringLiteral(
      "Writes the storyboard as a PDF: one page (or more) per act with its header, COLUMNSxROWS panels per page,\n"
      "each with shot number, duration, first and last frame with the camera move, prompt, seed and notes."));
  p.addPositionalArgument(QStringLiteral("project"), QStringLiteral("Project folder or project.json."));
  p.addOptions({
      {QStringLiteral("o"), QStringLiteral("Output PDF."), QStringLiteral("OUT")},
      {QStringLiteral("paper"), QStringLiteral("A4, Letter, A3 or Legal."), QStringLiteral("SIZE"), QStringLiteral("A4")},
      {QStringLiteral("landscape"), QStringLiteral("Landscape pages (default portrait).")},
      {QStringLiteral("grid"), QStringLiteral("Panels per page as COLUMNSxROWS, 1..8 each."), QStringLiteral("CxR"),
       QStringLiteral("3x2")},
  });
  if (int rc = cli::parseOrExit(p, QStringLiteral("export-pdf"), QString::fromLatin1(kUsage), args, ctx.out, ctx.err);
      rc >= 0) {
    return rc;
  }
  auto usageError = [&](const QString& m) {
    ctx.err << "export-pdf: " << m << " (usage: " << kUsage << ")\n";
    return 2;
  };
  const QStringList pos = p.positionalArguments();
  if (pos.size() != 1) return usageError(QStringLiteral("expected one PROJECT"));
  const QString out = p.value(QStringLiteral("o"));
  if (out.isEmpty()) return usageError(QStringLiteral("missing -o OUT.pdf"));

  BoardsOptions options;
  const QString paper = p.value(QStringLiteral("paper")).toLower();
  if (paper == QLatin1String("a4")) {
    options.paper = QPageSize::A4;
  } else if (paper == QLatin1String("letter")) {
    options.paper = QPageSize::Letter;
  } else if (paper == QLatin1String("a3")) {
    options.paper = QPageSize::A3;
  } else if (paper == QLatin1String("legal")) {
    options.paper = QPageSize::Legal;
  } else {
    return usageError(QStringLiteral("--paper: use A4, Letter, A3 or Legal"));
  }
  options.orientation = p.isSet(QStringLiteral("landscape")) ? QPageLayout::Landscape : QPageLayout::Portrait;
  static const QRegularExpression grid(QStringLiteral("^([1-8])x([1-8])$"));
  const auto m = grid.match(p.value(QStringLiteral("grid")));
  if (!m.hasMatch()) return usageError(QStringLiteral("--grid: expected COLUMNSxROWS such as 3x2 (1..8 each)"));
  options.columns = m.captured(1).toInt();
  options.rows = m.captured(2).toInt();

  model::Project project;
  QString error;
  if (!model::ProjectIo::load(pos.front(), &project, &error) ||
      !BoardsPdf::write(project, model::ProjectIo::projectFolder(pos.front()), out, options, &error)) {
    ctx.err << "export-pdf: " << error << "\n";
    return 1;
  }
  ctx.out << "Wrote " << out << ": " << BoardsPdf::pageCount(project, options) << " pages, " << project.shotCount()
          << " shots\n";
  return 0;
}

void registerCommands() {
  cli::registerExtraCommand({"export-pdf", "export-pdf PROJECT -o OUT.pdf", "storyboard boards as a PDF for a client",
                             &cmdExportPdf});
}

bool needsGui(const char* command) { return command && std::strcmp(command, "export-pdf") == 0; }

}  // namespace shotcraft::boards
