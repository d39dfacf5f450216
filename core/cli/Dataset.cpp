// shotcraft-cli dataset: writes procedural storyboard samples (rgb, depth, canny, pose, prompts) for
// training and evaluating the embedded shotcraft-tiny model. See core/scenes/DatasetWriter.h for the layout.
#include <QFileInfo>
#include <algorithm>

#include "core/cli/Cli.h"
#include "core/scenes/DatasetWriter.h"

namespace shotcraft::cli {

namespace {

void printUsage(QTextStream& s) {
  s << "Usage: shotcraft-cli dataset -o DIR --count N [--seed S] [--width W --height H] [--holdout-fraction F]\n"
    << "\nDraws N procedural storyboard frames with exact depth, canny and OpenPose maps and en/zh prompts:\n"
    << "  DIR/train/NNNNNN_{rgb,depth,canny,pose}.png + DIR/train/samples.jsonl\n"
    << "  DIR/holdout/...  (scenes whose seed hashes into the held-out buckets; never train on these)\n"
    << "  DIR/dataset.json (options and map conventions)\n"
    << "\nOptions:\n"
    << "  -o, --output DIR          output directory (created if missing)\n"
    << "  --count N                 number of samples (> 0)\n"
    << "  --seed S                  base seed, unsigned 64-bit (default 0)\n"
    << "  --width W, --height H     frame size in pixels, " << scenes::kMinSide << ".." << scenes::kMaxSide
    << " (default " << scenes::kDefaultWidth << "x" << scenes::kDefaultHeight << ")\n"
    << "  --holdout-fraction F      share of scene seeds held out, 0..1 (default 0.1)\n";
}

bool parseInt(const QString& text, int lo, int hi, int* out) {
  bool ok = false;
  const int v = text.toInt(&ok);
  if (!ok || v < lo || v > hi) return false;
  *out = v;
  return true;
}

}  // namespace

int cmdDataset(const QStringList& args, Context& ctx) {
  scenes::DatasetOptions o;
  for (int i = 0; i < args.size(); ++i) {
    const QString& a = args[i];
    if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
      printUsage(ctx.out);
      return 0;
    }
    const bool takes_value = a == QLatin1String("-o") || a == QLatin1String("--output") ||
                             a == QLatin1String("--count") || a == QLatin1String("--seed") ||
                             a == QLatin1String("--width") || a == QLatin1String("--height") ||
                             a == QLatin1String("--holdout-fraction");
    if (!takes_value) {
      ctx.err << "dataset: unknown argument '" << a << "' (see shotcraft-cli dataset --help)\n";
      return 2;
    }
    if (i + 1 >= args.size()) {
      ctx.err << "dataset: " << a << " needs a value\n";
      return 2;
    }
    const QString v = args[++i];
    if (a == QLatin1String("-o") || a == QLatin1String("--output")) {
      o.out_dir = v.toStdString();
    } else if (a == QLatin1String("--count")) {
      if (!parseInt(v, 1, 100000000, &o.count)) {
        ctx.err << "dataset: --count must be a positive integer (got '" << v << "')\n";
        return 2;
      }
    } else if (a == QLatin1String("--seed")) {
      bool ok = false;
      o.seed = v.toULongLong(&ok);
      if (!ok) {
        ctx.err << "dataset: --seed must be an unsigned 64-bit integer (got '" << v << "')\n";
        return 2;
      }
    } else if (a == QLatin1String("--width") || a == QLatin1String("--height")) {
      int* dst = a == QLatin1String("--width") ? &o.width : &o.height;
      if (!parseInt(v, scenes::kMinSide, scenes::kMaxSide, dst)) {
        ctx.err << "dataset: " << a << " must be an integer in " << scenes::kMinSide << ".." << scenes::kMaxSide
                << " (got '" << v << "')\n";
        return 2;
      }
    } else {
      bool ok = false;
      o.holdout_fraction = v.toDouble(&ok);
      if (!ok || !(o.holdout_fraction >= 0.0 && o.holdout_fraction <= 1.0)) {
        ctx.err << "dataset: --holdout-fraction must be a number in [0, 1] (got '" << v << "')\n";
        return 2;
      }
    }
  }
  if (o.out_dir.empty()) {
    ctx.err << "dataset: missing -o DIR (see shotcraft-cli dataset --help)\n";
    return 2;
  }
  if (o.count <= 0) {
    ctx.err << "dataset: missing --count N\n";
    return 2;
  }

  const int step = std::max(1, o.count / 10);
  auto progress = [&](int done, int total) {
    if (done % step == 0 || done == total) {
      ctx.out << "dataset: " << done << "/" << total << " samples\n";
      ctx.out.flush();
    }
  };
  scenes::DatasetSummary sum;
  std::string error;
  if (!scenes::writeDataset(o, progress, &sum, &error)) {
    ctx.err << "dataset: " << QString::fromStdString(error) << "\n";
    return 1;
  }
  const double rate = sum.seconds > 0 ? double(o.count) / sum.seconds : 0.0;
  ctx.out << "dataset: wrote " << o.count << " samples (" << sum.train << " train, " << sum.holdout << " holdout) at "
          << o.width << "x" << o.height << " to " << QFileInfo(QString::fromStdString(o.out_dir)).absoluteFilePath()
          << " in " << QString::number(sum.seconds, 'f', 2) << " s (" << QString::number(rate, 'f', 0)
          << " samples/s)\n";
  return 0;
}

}  // namespace shotcraft::cli
