// shotcraft-cli bench SUBJECT: speed figures measured by the component that owns them.
#include <QCommandLineParser>
#include <QTextStream>

#include "core/cli/Cli.h"
#include "core/cli/EngineOptionsCli.h"
#include "core/engine/EngineRegistry.h"

namespace shotcraft::cli {

namespace {

int benchEngine(const QCommandLineParser& parser, const std::string& subject, Context& ctx) {
  auto fail = [&](const std::string& msg) {
    ctx.err << "shotcraft-cli bench " << QString::fromStdString(subject) << ": " << QString::fromStdString(msg) << "\n";
    return 1;
  };
  engine::BenchmarkRequest request;
  request.subject = subject;
  std::string error;
  // The benchmark uses random weights at fixed shapes: no model folder is needed.
  if (!readEngineOptions(parser, &request.options, &error, /*requireModel=*/false)) return fail(error);
  bool ok = false;
  request.iterations = parser.value(QStringLiteral("iterations")).toInt(&ok);
  if (!ok || request.iterations < 1 || request.iterations > 100) return fail("--iterations: expected 1..100");
  request.quick = parser.isSet(QStringLiteral("quick"));
  if (subject == "load" && !parser.isSet(QStringLiteral("iterations"))) request.iterations = 2;
  if (request.quick) {
    request.width = 64;
    request.height = 64;
  }
  engine::EngineRegistry registry;
  auto factory = registry.require("torch", &error);
  if (!factory) return fail(error);
  const bool done = factory->runBenchmark(
      request,
      [&](const std::string& line) {
        ctx.out << QString::fromStdString(line) << "\n";
        ctx.out.flush();
      },
      &error);
  return done ? 0 : fail(error);
}

}  // namespace

int cmdBench(const QStringList& args, Context& ctx) {
  QCommandLineParser parser;
  addEngineOptions(parser);
  parser.addOption({QStringLiteral("iterations"), QStringLiteral("Timed runs per figure (median reported)."),
                    QStringLiteral("N"), QStringLiteral("3")});
  parser.addOption({QStringLiteral("quick"), QStringLiteral("A small model shape (checks the benchmark runs).")});
  parser.addPositionalArgument(QStringLiteral("subject"), QStringLiteral("engine, load, export or render"));
  if (int rc = parseOrExit(parser, QStringLiteral("bench"),
                           QStringLiteral("bench engine|load|export|render [--quick] [--iterations N]"),
                           args, ctx.out, ctx.err);
      rc >= 0) {
    return rc;
  }
  const QStringList pos = parser.positionalArguments();
  if (pos.size() != 1) {
    ctx.err << "shotcraft-cli bench: expected one subject: engine, load, export or render\n";
    return 2;
  }
  if (pos.front() == QLatin1String("engine")) return benchEngine(parser, "engine", ctx);
  if (pos.front() == QLatin1String("load")) return benchEngine(parser, "load", ctx);
  if (pos.front() == QLatin1String("export")) return benchExport(parser.isSet(QStringLiteral("quick")), ctx);
  if (pos.front() == QLatin1String("render")) return benchRender(parser, ctx);
  ctx.err << "shotcraft-cli bench: unknown subject '" << pos.front() << "' (known: engine, load, export, render)\n";
  return 2;
}

}  // namespace shotcraft::cli
