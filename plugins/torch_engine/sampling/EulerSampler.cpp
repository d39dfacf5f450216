#include "plugins/torch_engine/sampling/EulerSampler.h"

namespace shotcraft::torch_engine {

SamplerStepOutput EulerSampler::stepAt(const torch::Tensor& modelOutput, int absIndex, const torch::Tensor& sample,
                                       const torch::Tensor& /*noise*/) {
  const double sigma = sigmaAt(absIndex);
  const double sigmaNext = sigmaAt(absIndex + 1);
  torch::Tensor x0 = predictOriginalAt(modelOutput, sample, sigma);
  torch::Tensor derivative = (sample - x0) / sigma;
  return {sample + derivative * (sigmaNext - sigma), x0};
}

}  // namespace shotcraft::torch_engine
