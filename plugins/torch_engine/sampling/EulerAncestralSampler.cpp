#include "plugins/torch_engine/sampling/EulerAncestralSampler.h"

#include <cmath>

namespace shotcraft::torch_engine {

SamplerStepOutput EulerAncestralSampler::stepAt(const torch::Tensor& modelOutput, int absIndex,
                                                const torch::Tensor& sample, const torch::Tensor& noise) {
  const double sigmaFrom = sigmaAt(absIndex);
  const double sigmaTo = sigmaAt(absIndex + 1);
  const double sigmaUp =
      std::sqrt(sigmaTo * sigmaTo * (sigmaFrom * sigmaFrom - sigmaTo * sigmaTo) / (sigmaFrom * sigmaFrom));
  const double sigmaDown = std::sqrt(sigmaTo * sigmaTo - sigmaUp * sigmaUp);
  torch::Tensor x0 = predictOriginalAt(modelOutput, sample, sigmaFrom);
  torch::Tensor derivative = (sample - x0) / sigmaFrom;
  torch::Tensor prev = sample + derivative * (sigmaDown - sigmaFrom);
  prev = prev + noise.to(prev.device(), prev.scalar_type()) * sigmaUp;
  return {prev, x0};
}

}  // namespace shotcraft::torch_engine
