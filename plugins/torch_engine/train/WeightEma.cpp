#include "plugins/torch_engine/train/WeightEma.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace shotcraft::torch_engine::train {

namespace {

// The two dicts' tensors in the same order, after checking names and shapes.
void pairUp(const torch::OrderedDict<std::string, torch::Tensor>& source,
            const torch::OrderedDict<std::string, torch::Tensor>& shadow, std::vector<torch::Tensor>* a,
            std::vector<torch::Tensor>* b) {
  if (source.size() != shadow.size())
    throw std::invalid_argument("weight EMA: the shadow module has " + std::to_string(shadow.size()) +
                                " tensors, the source " + std::to_string(source.size()));
  for (const auto& item : source) {
    const torch::Tensor* twin = shadow.find(item.key());
    if (!twin || !twin->sizes().equals(item.value().sizes()))
      throw std::invalid_argument("weight EMA: the shadow module has no tensor '" + item.key() + "' of its shape");
    a->push_back(item.value());
    b->push_back(*twin);
  }
}

}  // namespace

WeightEma::WeightEma(torch::nn::Module& source, torch::nn::Module& shadow, double decay) : m_decay(decay) {
  if (!(decay >= 0.0 && decay < 1.0)) throw std::invalid_argument("weight EMA: decay must be in [0, 1)");
  pairUp(source.named_parameters(), shadow.named_parameters(), &m_source, &m_shadow);
  pairUp(source.named_buffers(), shadow.named_buffers(), &m_sourceBuffers, &m_shadowBuffers);
  const torch::NoGradGuard noGrad;
  for (size_t i = 0; i < m_source.size(); ++i) {
    m_shadow[i].copy_(m_source[i]);
    m_shadow[i].set_requires_grad(false);
  }
  for (size_t i = 0; i < m_sourceBuffers.size(); ++i) m_shadowBuffers[i].copy_(m_sourceBuffers[i]);
}

double WeightEma::decayAt(int64_t step) const {
  return std::min(m_decay, double(1 + step) / double(10 + step));
}

void WeightEma::update(int64_t step) {
  const double d = decayAt(step);
  const torch::NoGradGuard noGrad;
  for (size_t i = 0; i < m_source.size(); ++i) m_shadow[i].mul_(d).add_(m_source[i].detach(), 1.0 - d);
  for (size_t i = 0; i < m_sourceBuffers.size(); ++i) m_shadowBuffers[i].copy_(m_sourceBuffers[i]);
}

}  // namespace shotcraft::torch_engine::train
