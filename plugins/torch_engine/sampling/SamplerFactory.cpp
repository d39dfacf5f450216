#include "plugins/torch_engine/sampling/SamplerFactory.h"

#include "plugins/torch_engine/sampling/DdimSampler.h"
#include "plugins/torch_engine/sampling/DpmppSampler.h"
#include "plugins/torch_engine/sampling/EulerAncestralSampler.h"
#include "plugins/torch_engine/sampling/EulerSampler.h"
#include "plugins/torch_engine/sampling/HeunSampler.h"
#include "plugins/torch_engine/sampling/LcmSampler.h"

namespace shotcraft::torch_engine {

std::vector<std::string> samplerNames() {
  return {"ddim", "euler", "euler_a", "heun", "dpmpp_2m", "dpmpp_2m_karras", "lcm"};
}

std::unique_ptr<Sampler> createSampler(const std::string& name, const SchedulerConfig& config, std::string* error) {
  if (name == "ddim") return std::make_unique<DdimSampler>(config);
  if (name == "euler") return std::make_unique<EulerSampler>(config);
  if (name == "euler_a") return std::make_unique<EulerAncestralSampler>(config);
  if (name == "heun") return std::make_unique<HeunSampler>(config);
  if (name == "dpmpp_2m") return std::make_unique<DpmppSampler>(config, false);
  if (name == "dpmpp_2m_karras") return std::make_unique<DpmppSampler>(config, true);
  if (name == "lcm") return std::make_unique<LcmSampler>(config);
  if (error) {
    std::string known;
    for (const std::string& id : samplerNames()) known += (known.empty() ? "" : ", ") + id;
    *error = "unknown sampler '" + name + "' (known: " + known + ")";
  }
  return nullptr;
}

}  // namespace shotcraft::torch_engine
