// `train preview`: least-squares fit of the linear latent -> RGB preview against the trained VAE.
#include <filesystem>

#include "plugins/torch_engine/pipeline/PreviewDecoder.h"
#include "plugins/torch_engine/sampling/Sampler.h"
#include "plugins/torch_engine/train/DiffusionTraining.h"
#include "plugins/torch_engine/train/ModelFolder.h"
#include "plugins/torch_engine/train/Stages.h"
#include "plugins/torch_engine/train/TrainingData.h"

namespace shotcraft::torch_engine::train {

namespace fs = std::filesystem;

bool fitPreview(const engine::TrainingRequest& request, const PrintFn& print, std::string* error) {
  FrozenParts frozen;
  if (!loadFrozenParts(request.out_dir, false, &frozen, error)) {
    if (error) *error = "preview: needs the vae and tokenizer stages first: " + *error;
    return false;
  }
  DataSettings data;
  data.seed = request.data_seed;
  data.batch = request.batch > 0 ? request.batch : 16;
  if (isTinyRun(request)) {
    data.width = 64;
    data.height = 32;
  }
  const int batches = request.steps > 0 ? request.steps : 8;
  std::vector<torch::Tensor> latents, images;
  try {
    for (int i = 0; i < batches; ++i) {
      const TrainingBatch b = renderBatch(data, i);
      // Latents as the sampler holds them (scaled), which is what the preview decodes during generation.
      latents.push_back(encodeBatch(frozen.vae, b.rgb, makeCpuGenerator(mixSeed(data.seed, uint64_t(i), 0x9E))));
      images.push_back(b.rgb);
    }
    const auto lat = torch::cat(latents);
    const auto img = torch::cat(images);
    const LinearPreviewDecoder decoder = LinearPreviewDecoder::fit(lat, img);
    const auto target = torch::adaptive_avg_pool2d(img, {lat.size(2), lat.size(3)});
    const double mse = torch::mse_loss(decoder.project(lat), target).item<double>();
    print("preview: fitted on " + std::to_string(img.size(0)) + " images, mse " + std::to_string(mse) +
          " (images in [-1,1] at latent resolution)");
    const fs::path path = fs::path(request.out_dir) / "preview" / "latent_rgb.json";
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    return decoder.save(path.string(), error);
  } catch (const c10::Error& e) {
    if (error) *error = std::string("preview: torch error: ") + e.what_without_backtrace();
    return false;
  }
}

}  // namespace shotcraft::torch_engine::train
