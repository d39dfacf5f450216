// shotcraft-cli models: the embedded model and the models in --folder DIRs (core/models/ModelRegistry), and
// with --load PATH the time the engine takes to load a checkpoint.
#include <QCommandLineParser>
#include <QFileInfo>
#include <QTextStream>

#include <chrono>
#include <filesystem>

#include "core/cli/Cli.h"
#include "core/cli/EngineOptionsCli.h"
#include "core/engine/EngineRegistry.h"
#include "core/models/ModelRegistry.h"

namespace shotcraft::cli {

namespace {

const char* kUsage = "models [--folder DIR ...] [--paths] [--load PATH [--device D] [--precision P] [--threads N]]";

QString megabytes(uint64_t bytes) { return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 1); }

void printTable(const models::ScanResult& scan, bool paths, QTextStream& out) {
  out << QStringLiteral("%1  %2  %3  %4  %5\n")
             .arg(QStringLiteral("KIND"), -10)
             .arg(QStringLiteral("FAMILY"), -14)
             .arg(QStringLiteral("SIZE MB"), 9)
             .arg(QStringLiteral("NAME"), -32)
             .arg(QStringLiteral("MESSAGE"));
  for (const models::ModelEntry& e : scan.entries) {
    QString name = QString::fromStdString(paths && !e.path.empty() ? e.path : e.name);
    if (e.embedded) name += QStringLiteral(" (embedded)");
    out << QStringLiteral("%1  %2  %3  %4  %5\n")
               .arg(QLatin1String(models::kindName(e.kind)), -10)
               .arg(QString::fromStdString(e.family), -14)
               .arg(megabytes(e.size_bytes), 9)
               .arg(name, -32)
               .arg(QString::fromStdString(e.message));
  }
}

// How the engine reads PATH's weights: every .safetensors file is memory-mapped by its reader (tensors are copied
// from the mapping into the modules, the file is never read into a buffer first).
QString mappingNote(const std::string& path) {
  namespace fs = std::filesystem;
  int mapped = 0;
  uint64_t bytes = 0;
  std::error_code ec;
  const auto count = [&](const fs::path& p) {
    std::error_code sizeEc;
    if (p.extension() == ".safetensors") {
      ++mapped;
      const uint64_t size = fs::file_size(p, sizeEc);
      if (!sizeEc) bytes += size;
    }
  };
  if (fs::is_directory(path, ec)) {
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      std::error_code fileEc;
      if (it->is_regular_file(fileEc)) count(it->path());
    }
  } else {
    count(path);
  }
  if (mapped == 0) return QStringLiteral("memory-mapped: no (no .safetensors files)");
  return QStringLiteral("memory-mapped: yes (%1 .safetensors file%2, %3 MB)")
      .arg(mapped)
      .arg(mapped == 1 ? QString() : QStringLiteral("s"))
      .arg(megabytes(bytes));
}

int loadOne(const QCommandLineParser& parser, engine::IEngineFactory& factory, Context& ctx) {
  engine::EngineOptions options;
  std::string error;
  if (!readEngineOptions(parser, &options, &error, /*requireModel=*/false)) {
    ctx.err << "shotcraft-cli models: " << QString::fromStdString(error) << "\n";
    return 2;
  }
  options.model_dir = parser.value(QStringLiteral("load")).toStdString();
  const auto start = std::chrono::steady_clock::now();
  std::unique_ptr<engine::IEngine> engine = factory.create(options, &error);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!engine) {
    ctx.err << "shotcraft-cli models: --load: " << QString::fromStdString(error) << "\n";
    return 1;
  }
  const engine::EngineInfo info = engine->info();
  ctx.out << QStringLiteral("Loaded %1 in %2 s (%3, %4; %5)\n")
                 .arg(QString::fromStdString(options.model_dir))
                 .arg(seconds, 0, 'f', 3)
                 .arg(QString::fromStdString(info.device), QString::fromStdString(info.precision),
                      mappingNote(options.model_dir));
  return 0;
}

}  // namespace

int cmdModels(const QStringList& args, Context& ctx) {
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral(
      "Lists the embedded model and the models in each --folder: kind, family, size, name, message.\n"
      "A folder is one model's folder, or a folder of models: weight files and model folders at its top level\n"
      "and one level down in the usual subfolders (Stable-diffusion/, checkpoints/, controlnet/, loras/, Lora/,\n"
      "vae/, taesd/, vae_approx/). Pickled .ckpt/.pt/.bin files are listed as unsupported.\n"
      "--load PATH loads a checkpoint (file or folder) into the engine and prints how long that took.\n"
      "Exit status: 0, 1 when a folder cannot be read or the load fails, 2 on bad arguments."));
  parser.addOption({QStringLiteral("folder"), QStringLiteral("A models folder to scan (repeatable)."),
                    QStringLiteral("DIR")});
  parser.addOption({QStringLiteral("paths"), QStringLiteral("Show full paths instead of names.")});
  parser.addOption({QStringLiteral("load"), QStringLiteral("Load this checkpoint and print the load time."),
                    QStringLiteral("PATH")});
  addEngineOptions(parser);
  if (int rc = parseOrExit(parser, QStringLiteral("models"), QLatin1String(kUsage), args, ctx.out, ctx.err);
      rc >= 0) {
    return rc;
  }
  if (!parser.positionalArguments().isEmpty()) {
    ctx.err << "shotcraft-cli models: unexpected argument '" << parser.positionalArguments().front()
            << "' (folders are given with --folder DIR)\n";
    return 2;
  }
  if (parser.isSet(QStringLiteral("model"))) {
    ctx.err << "shotcraft-cli models: --model is not used here; give the checkpoint to load with --load PATH\n";
    return 2;
  }
  const bool load = parser.isSet(QStringLiteral("load"));
  if (!load && (parser.isSet(QStringLiteral("device")) || parser.isSet(QStringLiteral("precision")) ||
                parser.isSet(QStringLiteral("threads")) || parser.isSet(QStringLiteral("preview-vae")) ||
                parser.isSet(QStringLiteral("draft-decode")))) {
    ctx.err << "shotcraft-cli models: --device, --precision, --threads, --preview-vae and --draft-decode only "
               "apply with --load PATH\n";
    return 2;
  }
  if (load && !QFileInfo::exists(parser.value(QStringLiteral("load")))) {
    ctx.err << "shotcraft-cli models: --load: '" << parser.value(QStringLiteral("load")) << "' does not exist\n";
    return 1;
  }
  engine::EngineRegistry engines;
  std::string error;
  std::shared_ptr<engine::IEngineFactory> factory = engines.require("torch", &error);
  if (load) {
    if (!factory) {
      ctx.err << "shotcraft-cli models: " << QString::fromStdString(error) << "\n";
      return 1;
    }
    return loadOne(parser, *factory, ctx);
  }
  if (!factory) {
    ctx.err << "shotcraft-cli models: note: " << QString::fromStdString(error)
            << " (models are listed by file type only)\n";
  }
  std::vector<std::string> folders;
  for (const QString& f : parser.values(QStringLiteral("folder"))) folders.push_back(f.toStdString());
  const models::ModelRegistry registry(factory);
  const models::ScanResult scan = registry.scan(folders, defaultModelDir().toStdString(), /*withEmbedded=*/true);
  printTable(scan, parser.isSet(QStringLiteral("paths")), ctx.out);
  for (const models::ScanError& e : scan.errors) {
    ctx.err << "shotcraft-cli models: " << QString::fromStdString(e.message) << "\n";
  }
  return scan.errors.empty() ? 0 : 1;
}

}  // namespace shotcraft::cli
