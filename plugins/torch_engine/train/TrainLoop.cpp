#include "plugins/torch_engine/train/TrainLoop.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <stdexcept>

#include "plugins/torch_engine/pipeline/DeviceSelect.h"
#include "plugins/torch_engine/train/ModelFolder.h"

namespace shotcraft::torch_engine::train {

namespace fs = std::filesystem;

LoopSettings loopSettings(const engine::TrainingRequest& request, const std::string& stage, int64_t defaultSteps,
                          double defaultLr, int64_t maxWarmup, int checkpointEvery) {
  LoopSettings loop;
  loop.stage = stage;
  loop.stage_dir = stageDir(request, stage);
  loop.steps = request.steps > 0 ? request.steps : defaultSteps;
  loop.lr = request.lr > 0 ? request.lr : defaultLr;
  loop.warmup_steps = std::min<int64_t>(maxWarmup, loop.steps / 10);
  loop.log_every = int(extraNumber(request, "log_every", 20));
  loop.checkpoint_every = int(extraNumber(request, "checkpoint_every", checkpointEvery));
  loop.resume = request.resume;
  loop.data_seed = request.data_seed;
  return loop;
}

TrainPrecision trainPrecision(const engine::TrainingRequest& request) {
  const auto it = request.extra.find("precision");
  const std::string value = it == request.extra.end() ? "auto" : it->second;
  if (value == "fp32") return TrainPrecision::Fp32;
  if (value != "auto" && value != "bf16") {
    throw std::invalid_argument("--set precision must be auto, fp32 or bf16 (got '" + value + "')");
  }
  const CpuFeatures cpu = detectCpuFeatures();
  const bool fastBf16 = cpu.amx_bf16 || cpu.avx512_bf16;
  if (value == "bf16" && !fastBf16) {
    throw std::invalid_argument(
        "--set precision=bf16 needs a CPU with AMX or AVX-512 BF16, and this one has neither; "
        "use fp32");
  }
  return fastBf16 ? TrainPrecision::Bf16 : TrainPrecision::Fp32;
}

std::string precisionName(TrainPrecision precision) {
  return precision == TrainPrecision::Bf16 ? "bf16 autocast" : "fp32";
}

double scheduledLr(double base, int64_t step, int64_t total, int64_t warmup) {
  const double warm = warmup > 0 ? std::min(1.0, double(step + 1) / double(warmup)) : 1.0;
  const double progress = total > 1 ? double(step) / double(total - 1) : 1.0;
  const double cosine = 0.1 + 0.9 * 0.5 * (1.0 + std::cos(M_PI * progress));
  return base * warm * cosine;
}

std::string formatDuration(double seconds) {
  const auto s = int64_t(std::max(0.0, seconds) + 0.5);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", (long long)(s / 3600), (long long)(s / 60 % 60),
                (long long)(s % 60));
  return buf;
}

namespace {

void setLr(torch::optim::Optimizer& optimizer, double lr) {
  for (auto& group : optimizer.param_groups()) group.options().set_lr(lr);
}

// Rewrites loss.csv with the rows up to `step` (resume) or just the header (fresh start).
bool resetCsv(const fs::path& path, int64_t keepUpTo, std::string* error) {
  std::vector<std::string> rows;
  if (keepUpTo > 0) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] < '0' || line[0] > '9') continue;
      if (std::stoll(line) <= keepUpTo) rows.push_back(line);
    }
  }
  std::ofstream out(path, std::ios::trunc);
  out << "step,loss,lr,elapsed_s\n";
  for (const auto& r : rows) out << r << "\n";
  if (!out) {
    if (error) *error = "cannot write " + path.string();
    return false;
  }
  return true;
}

}  // namespace

bool runTrainingLoop(const LoopSettings& cfg, const std::vector<NamedModule>& modules,
                     torch::optim::Optimizer& optimizer, const StepFunction& stepFn,
                     const std::function<void(const std::string&)>& print, const engine::CancelToken& cancel,
                     std::string* error) {
  const fs::path stageDir(cfg.stage_dir);
  const std::string ckptDir = (stageDir / "checkpoint").string();
  std::error_code ec;
  fs::create_directories(stageDir, ec);
  TrainState state;
  state.stage = cfg.stage;
  state.total_steps = cfg.steps;
  state.data_seed = cfg.data_seed;
  if (cfg.resume) {
    std::string why;
    if (loadCheckpoint(ckptDir, modules, optimizer, &state, &why)) {
      if (state.stage != cfg.stage || state.data_seed != cfg.data_seed) {
        if (error)
          *error = ckptDir + ": checkpoint is for stage '" + state.stage + "' with data seed " +
                   std::to_string(state.data_seed) + ", not this run";
        return false;
      }
      for (const auto& [key, value] : cfg.objective) {
        const auto recorded = state.objective.find(key);
        if (recorded == state.objective.end() || recorded->second == value) continue;
        if (error)
          *error = cfg.stage + ": --resume: the checkpoint was trained with " + key + "=" + recorded->second +
                   ", this run asks for " + key + "=" + value +
                   " (resume with the checkpoint's settings, or start again without --resume)";
        return false;
      }
      state.total_steps = cfg.steps;
      print(cfg.stage + ": resumed at step " + std::to_string(state.step));
    } else if (!why.empty()) {
      if (error) *error = why;
      return false;
    } else {
      print(cfg.stage + ": no checkpoint in " + ckptDir + ", starting at step 0");
    }
  }
  state.objective = cfg.objective;  // the checkpoint's, where it matched, and any it did not record yet
  const fs::path csvPath = stageDir / "loss.csv";
  if (!resetCsv(csvPath, state.step, error)) return false;
  std::ofstream csv(csvPath, std::ios::app);

  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  auto lastLog = start;
  int64_t lastLogStep = state.step;
  double lossSum = 0.0;
  int lossCount = 0;
  auto elapsed = [&] { return state.elapsed_s + std::chrono::duration<double>(Clock::now() - start).count(); };
  auto checkpoint = [&]() {
    TrainState s = state;
    s.elapsed_s = elapsed();
    return saveCheckpoint(ckptDir, modules, optimizer, s, error);
  };

  try {
    while (state.step < cfg.steps) {
      if (cancel.isCancelled()) {
        if (!checkpoint()) return false;
        if (error) *error = cfg.stage + ": cancelled at step " + std::to_string(state.step) + " (checkpoint saved)";
        return false;
      }
      const double lr = scheduledLr(cfg.lr, state.step, cfg.steps, cfg.warmup_steps);
      setLr(optimizer, lr);
      const double loss = stepFn(state.step);
      if (!std::isfinite(loss)) {
        if (error) *error = cfg.stage + ": loss is not finite at step " + std::to_string(state.step);
        return false;
      }
      ++state.step;
      lossSum += loss;
      ++lossCount;
      const bool last = state.step == cfg.steps;
      if (state.step % cfg.log_every == 0 || last) {
        const double mean = lossSum / lossCount;
        const auto now = Clock::now();
        const double dt = std::chrono::duration<double>(now - lastLog).count();
        const double itPerS = dt > 0 ? double(state.step - lastLogStep) / dt : 0.0;
        const double eta = itPerS > 0 ? double(cfg.steps - state.step) / itPerS : 0.0;
        state.losses.emplace_back(state.step, mean);
        csv << state.step << "," << std::setprecision(9) << mean << "," << lr << "," << std::setprecision(6)
            << elapsed() << "\n"
            << std::flush;
        char line[160];
        std::snprintf(line, sizeof line, "step %lld/%lld  loss %.4f  %.2f it/s  ETA %s", (long long)state.step,
                      (long long)cfg.steps, mean, itPerS, formatDuration(eta).c_str());
        print(line);
        lastLog = now;
        lastLogStep = state.step;
        lossSum = 0.0;
        lossCount = 0;
      }
      if ((cfg.checkpoint_every > 0 && state.step % cfg.checkpoint_every == 0) || last) {
        if (!checkpoint()) return false;
      }
    }
  } catch (const c10::Error& e) {
    if (error)
      *error = cfg.stage + ": torch error at step " + std::to_string(state.step) + ": " + e.what_without_backtrace();
    return false;
  } catch (const std::exception& e) {
    if (error) *error = cfg.stage + ": " + e.what();
    return false;
  }
  return true;
}

std::string objectiveNumber(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

}  // namespace shotcraft::torch_engine::train
