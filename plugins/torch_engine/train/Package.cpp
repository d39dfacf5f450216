// `train package --out DIR --set dest=DEST`: turns a trained model folder into the shipped one. Float weights
// are stored as float16 (half the bytes; the engine converts on load) except the VAE, which stays float32 like
// the engine runs it. Configs, tokenizer, scheduler and preview fit are copied as they are, each stage's loss
// curve goes to DEST/training-logs/, and DEST/MODEL_CARD.md records what was trained for how long. Only complete
// stages are packaged: a component folder exists only after its stage finished, and its checkpoint must say so;
// a fine-tune stage (vae_decoder, unet_tune) that was started must have finished as well.
#include "plugins/torch_engine/nn/ModelConfig.h"
#include "plugins/torch_engine/safetensors/SafeTensorsFile.h"
#include "plugins/torch_engine/safetensors/SafeTensorsWriter.h"
#include "plugins/torch_engine/train/ModelFolder.h"
#include "plugins/torch_engine/train/Stages.h"
#include "plugins/torch_engine/train/TrainLoop.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <filesystem>
#include <set>
#include <sstream>

namespace shotcraft::torch_engine::train {

namespace fs = std::filesystem;

namespace {

struct Component {
  const char* folder;
  const char* stage;  // training/STAGE that produced it ("" = not trained by steps)
  bool required;
  const char* fineTune = "";  // optional training/STAGE that later refined the same folder
  const char* ownStage = "";  // a training/STAGE that trains this component alone; when it ran, it replaces `stage`
};

constexpr Component kComponents[] = {
    {"tokenizer", "", true},
    {"vae", "vae", true, "vae_decoder"},
    {"unet", "unet", true, "unet_tune"},
    {"text_encoder", "unet", true, "", "text"},
    {"scheduler", "", true},
    {"preview", "", false},
    {"controlnet-depth", "controlnet-depth", false},
    {"controlnet-canny", "controlnet-canny", false},
    {"controlnet-pose", "controlnet-pose", false},
};

bool convertWeights(const fs::path& from, const fs::path& to, bool toHalf, int64_t* params, std::string* error) {
  auto file = SafeTensorsFile::open(from.string(), error);
  if (!file) return false;
  std::vector<std::pair<std::string, torch::Tensor>> tensors;
  for (const auto& name : file->names()) {
    torch::Tensor t = file->tensor(name);
    if (t.is_floating_point()) {
      *params += t.numel();
      if (toHalf) {
        const double maxAbs = t.abs().max().item<double>();
        if (maxAbs > 65504.0) {
          if (error) *error = from.string() + ": tensor " + name + " exceeds the float16 range";
          return false;
        }
        t = t.to(torch::kFloat16);
      }
    }
    tensors.emplace_back(name, t.contiguous());
  }
  auto metadata = file->metadata();
  metadata["format"] = "pt";
  return writeSafeTensors(to.string(), tensors, metadata, error);
}

// step / total_steps / elapsed of a finished stage, or false with a reason.
bool stageRecord(const fs::path& stateJson, QJsonObject* out, std::string* error) {
  QFile f(QString::fromStdString(stateJson.string()));
  if (!f.open(QIODevice::ReadOnly)) {
    if (error) *error = "cannot read " + stateJson.string();
    return false;
  }
  *out = QJsonDocument::fromJson(f.readAll()).object();
  const double step = out->value(QStringLiteral("step")).toDouble(-1);
  const double total = out->value(QStringLiteral("total_steps")).toDouble(-2);
  if (step != total) {
    if (error)
      *error = stateJson.string() + ": stage stopped at step " + std::to_string(int64_t(step)) + " of " +
               std::to_string(int64_t(total)) + " (finish it with --resume before packaging)";
    return false;
  }
  return true;
}

}  // namespace

bool packageModel(const engine::TrainingRequest& request, const PrintFn& print, std::string* error) {
  const auto it = request.extra.find("dest");
  if (it == request.extra.end() || it->second.empty()) {
    if (error) *error = "package: --set dest=FOLDER is required (e.g. resources/models/shotcraft-tiny)";
    return false;
  }
  const fs::path src(request.out_dir), dest(it->second);
  const fs::path tmp = dest.string() + ".tmp";
  std::error_code ec;
  fs::remove_all(tmp, ec);
  fs::create_directories(tmp / "training-logs", ec);
  if (ec) {
    if (error) *error = "package: cannot create " + tmp.string() + ": " + ec.message();
    return false;
  }
  std::ostringstream card;
  card
      << "# shotcraft-tiny\n\nTrained by `shotcraft-cli train` on procedurally drawn storyboard scenes "
         "(docs/training.md); packaged by `shotcraft-cli train package`. Weights are float16 except the VAE "
         "(float32).\n\n| component | parameters | file MB | stage | steps | train time |\n|---|---|---|---|---|---|\n";
  uintmax_t totalBytes = 0;
  double totalSeconds = 0.0;  // every packaged stage's training time, fine-tunes included, each stage once
  std::set<std::string> timedStages;
  QJsonObject unetObjective;  // what the UNet stage optimised (state.json "objective")
  for (const Component& c : kComponents) {
    const fs::path from = src / c.folder;
    if (!fs::is_directory(from)) {
      if (!c.required) continue;
      fs::remove_all(tmp, ec);
      if (error) *error = "package: " + from.string() + " is missing (train that stage first)";
      return false;
    }
    QJsonObject record;
    const std::string stage = *c.ownStage && fs::exists(src / "training" / c.ownStage) ? c.ownStage : c.stage;
    if (!stage.empty()) {
      std::string why;
      if (!stageRecord(src / "training" / stage / "checkpoint" / "state.json", &record, &why)) {
        fs::remove_all(tmp, ec);
        if (error) *error = "package: " + why;
        return false;
      }
      fs::copy_file(src / "training" / stage / "loss.csv", tmp / "training-logs" / (stage + ".csv"),
                    fs::copy_options::overwrite_existing, ec);
      // Without a text stage the text encoder comes from the unet stage, already timed.
      if (timedStages.insert(stage).second) totalSeconds += record.value(QStringLiteral("elapsed_s")).toDouble();
      if (stage == "unet") unetObjective = record.value(QStringLiteral("objective")).toObject();
    }
    fs::create_directories(tmp / c.folder, ec);
    int64_t params = 0;
    uintmax_t bytes = 0;
    for (const auto& entry : fs::directory_iterator(from)) {
      if (!entry.is_regular_file()) continue;
      const fs::path to = tmp / c.folder / entry.path().filename();
      if (entry.path().extension() == ".safetensors") {
        if (!convertWeights(entry.path(), to, std::string(c.folder) != "vae", &params, error)) {
          fs::remove_all(tmp, ec);
          return false;
        }
      } else {
        fs::copy_file(entry.path(), to, fs::copy_options::overwrite_existing, ec);
        if (ec) {
          fs::remove_all(tmp, ec);
          if (error) *error = "package: cannot copy " + entry.path().string() + ": " + ec.message();
          return false;
        }
      }
      bytes += fs::file_size(to, ec);
    }
    totalBytes += bytes;
    char line[256];
    std::snprintf(
        line, sizeof line, "| %s | %lld | %.2f | %s | %s | %s |\n", c.folder, (long long)params, double(bytes) / 1e6,
        stage.empty() ? "-" : stage.c_str(),
        record.isEmpty() ? "-" : std::to_string(int64_t(record.value(QStringLiteral("step")).toDouble())).c_str(),
        record.isEmpty() ? "-" : formatDuration(record.value(QStringLiteral("elapsed_s")).toDouble()).c_str());
    card << line;
    print(std::string("package: ") + line);
    // A fine-tune stage that was started must have finished too; its curve and time join the card.
    if (*c.fineTune && fs::exists(src / "training" / c.fineTune)) {
      QJsonObject tuned;
      std::string why;
      if (!stageRecord(src / "training" / c.fineTune / "checkpoint" / "state.json", &tuned, &why)) {
        fs::remove_all(tmp, ec);
        if (error) *error = "package: " + why;
        return false;
      }
      fs::copy_file(src / "training" / c.fineTune / "loss.csv",
                    tmp / "training-logs" / (std::string(c.fineTune) + ".csv"), fs::copy_options::overwrite_existing,
                    ec);
      std::snprintf(line, sizeof line, "| %s (fine-tune) | - | - | %s | %lld | %s |\n", c.folder, c.fineTune,
                    (long long)tuned.value(QStringLiteral("step")).toDouble(),
                    formatDuration(tuned.value(QStringLiteral("elapsed_s")).toDouble()).c_str());
      card << line;
      print(std::string("package: ") + line);
      totalSeconds += tuned.value(QStringLiteral("elapsed_s")).toDouble();
    }
  }
  char total[96];
  std::snprintf(total, sizeof total, "\nTotal: %.2f MB.\n", double(totalBytes) / 1e6);
  card << total;
  // The recipe's budget is 6 CPU-hours (docs/training.md): the sum says where this run stands. Each stage timed
  // itself wherever it ran, so a run carried over between machines adds up their speeds.
  card << "\nTraining time, all stages: " << formatDuration(totalSeconds)
       << " (each stage once, by its state.json elapsed_s, on the machine it ran on).\n";
  if (!unetObjective.isEmpty()) {
    std::string objective;
    for (auto o = unetObjective.begin(); o != unetObjective.end(); ++o)
      objective += (objective.empty() ? "" : ", ") + o.key().toStdString() + " " + o.value().toString().toStdString();
    card << "\nUNet objective (training/unet/checkpoint/state.json): " << objective << ".\n";
  }
  // The VAE's held-out reconstruction (train/VaeReport.h), from the stage that last changed its decoder.
  for (const char* stage : {"vae_decoder", "vae"}) {
    const fs::path report = src / "training" / stage / "reconstruction.json";
    QFile f(QString::fromStdString(report.string()));
    if (!f.open(QIODevice::ReadOnly)) continue;
    const QJsonObject r = QJsonDocument::fromJson(f.readAll()).object();
    const QJsonArray shift = r.value(QStringLiteral("mean_shift_rgb")).toArray();
    char edges[64] = "";  // reports written before the edge F1 was measured lack it
    if (r.contains(QStringLiteral("edge_f1")))
      std::snprintf(edges, sizeof edges, ", edge F1 %.3f", r.value(QStringLiteral("edge_f1")).toDouble());
    char line[384];
    std::snprintf(
        line, sizeof line,
        "\nVAE reconstruction (after stage %s) of %d held-out scenes: PSNR %.2f dB, mean colour shift "
        "R %+.1f G %+.1f B %+.1f levels, colour spread kept %.0f%%%s (training-logs/%s-reconstruction.png).\n",
        stage, r.value(QStringLiteral("images")).toInt(), r.value(QStringLiteral("psnr_db")).toDouble(),
        shift.at(0).toDouble(), shift.at(1).toDouble(), shift.at(2).toDouble(),
        100.0 * r.value(QStringLiteral("colour_spread_kept")).toDouble(), edges, stage);
    card << line;
    std::error_code noSheet;  // the sheet is optional
    fs::copy_file(report.parent_path() / "reconstruction.png",
                  tmp / "training-logs" / (std::string(stage) + "-reconstruction.png"),
                  fs::copy_options::overwrite_existing, noSheet);
    break;
  }
  // The ControlNets that ask for control-first guidance (engine::ControlMode), then each one's control gain report
  // (train/ControlGain.h), when its stage wrote one.
  std::string controlFirst;
  for (const char* kind : {"depth", "canny", "pose"}) {
    const fs::path config = src / (std::string("controlnet-") + kind) / "config.json";
    nn::ControlNetConfig c;
    if (fs::exists(config) && nn::ControlNetConfig::fromFile(config.string(), &c, nullptr) && c.controlFirst)
      controlFirst += (controlFirst.empty() ? "" : ", ") + std::string(kind);
  }
  if (!controlFirst.empty()) {
    card << "\nControlNets asking for control-first guidance (config.json: \"shotcraft_control_mode\": "
            "\"control_first\"): "
         << controlFirst
         << ". Under classifier-free guidance they act on the prompt's pass only, so the guidance scale multiplies "
            "them, unless a control's mode says otherwise.\n";
  }
  for (const char* kind : {"depth", "canny", "pose"}) {
    const std::string stage = std::string("controlnet-") + kind;
    const fs::path report = src / "training" / stage / "control_gain.json";
    QFile f(QString::fromStdString(report.string()));
    if (!f.open(QIODevice::ReadOnly)) continue;
    const QJsonObject r = QJsonDocument::fromJson(f.readAll()).object();
    char line[320];
    std::snprintf(line, sizeof line,
                  "\nControlNet %s, control gain on %d held-out scenes: it saves %.1f%% of the UNet's loss (mean over "
                  "its timesteps), %.1f%% of it from its map's content (training-logs/%s-control-gain.json).\n",
                  kind, r.value(QStringLiteral("scenes")).toInt(),
                  100.0 * r.value(QStringLiteral("mean_gain")).toDouble(),
                  100.0 * r.value(QStringLiteral("mean_map_gain")).toDouble(), stage.c_str());
    card << line;
    std::error_code noCopy;
    fs::copy_file(report, tmp / "training-logs" / (stage + "-control-gain.json"), fs::copy_options::overwrite_existing,
                  noCopy);
  }
  // The text stage's held-out retrieval (TrainText.cpp), when the text encoder was trained on its own.
  QFile retrieval(QString::fromStdString((src / "training" / "text" / "retrieval.json").string()));
  if (retrieval.open(QIODevice::ReadOnly)) {
    const QJsonObject r = QJsonDocument::fromJson(retrieval.readAll()).object();
    char line[256];
    std::snprintf(line, sizeof line,
                  "\nText encoder (stage text), held-out retrieval: a picture's own prompt is the nearest of %d in "
                  "%.1f%% (English) and %.1f%% (Chinese) of %d pictures.\n",
                  r.value(QStringLiteral("group")).toInt(), 100.0 * r.value(QStringLiteral("top1_en")).toDouble(),
                  100.0 * r.value(QStringLiteral("top1_zh")).toDouble(),
                  r.value(QStringLiteral("group")).toInt() * r.value(QStringLiteral("groups")).toInt());
    card << line;
  }
  if (!writeTextFile((tmp / "MODEL_CARD.md").string(), card.str(), error)) return false;
  // Swap in: the old DEST is removed only once the new one is complete.
  const fs::path old = dest.string() + ".old";
  fs::remove_all(old, ec);
  if (fs::exists(dest)) fs::rename(dest, old, ec);
  if (!ec) fs::rename(tmp, dest, ec);
  if (ec) {
    if (error) *error = "package: cannot move " + tmp.string() + " to " + dest.string() + ": " + ec.message();
    return false;
  }
  fs::remove_all(old, ec);
  print("package: wrote " + dest.string() + total);
  return true;
}

}  // namespace shotcraft::torch_engine::train
