#pragma once
// The λ of eq. 3, L = λph Lph + λlm Llm + λpa Lpa + λsd Lsd + λbg Lbg + λreg Lreg, with the
// supplement's values as defaults, and the weights of the options from seed 003.
//
// Units. Each term's file defines its quantity in units that make the supplement's λ usable:
// colours in [0,1] and per-pixel means (eq. 4), landmark distances in pixels of a 224×224
// crop (the paper's crop, whatever crop size we render at), parsing codes in [0,1] over a
// 224-crop-equivalent image (eq. 5), Δ0^S in millimetres (eq. 6; the paper's template is in
// millimetre-scale units, ours in cm), deformation gradients unitless (eq. 7), w and γ as
// they are (eq. 8). The weights of terms the paper does not have (correction priors, which a
// network gets implicitly from its decoder) are ours and say so.
#include <string>

namespace likeness::fit {

struct LossWeights {
    // ---- eq. 3, supplement values ----
    double photometric = 200.0;        ///< λph: eq. 4 l2,1 photometric term
    double image_gradient = 200.0;     ///< eq. 4's image-gradient variant (same λph)
    double landmark = 0.1;             ///< λlm
    double parsing = 50.0;             ///< λpa: eq. 5
    /// λsd: eq. 6 Laplacian on Δ0^S. The supplement's 2.5 against our per-pair mean lets Δ0^S
    /// move single landmark vertices to absorb the detector's per-point bias (the studio's
    /// correction map showed dots at the 468 landmark vertices). With shape_smoothness and
    /// correction_landmark below, measured on `likeness synth` subjects (our detector, 640×480,
    /// final row; λsd / λ_i^sd / landmark multiplier): subject 7 (120 frames) 2.5 / 0 / 1 →
    /// 75 / 75 / 0.2: 3D 1.76 → 1.22 mm, neutral 1.57 → 0.87 mm, NME 1.95 → 2.17 %, weight MAE
    /// 0.044 → 0.051, modeling 119 → 82 s; subject 8 (90 frames): 3D 1.40 → 1.39 mm, neutral
    /// 1.20 → 1.11 mm, NME 2.50 → 2.33 %, weight MAE 0.032 → 0.037. (Row A, template only:
    /// 3D 1.06 / 1.45 mm, NME 2.20 / 2.38 %.) λsd ×30 alone (before λreg = 0.5): 3D 1.74 →
    /// 1.36 mm; λbg ×30 and shape_prior ×100 barely helped.
    double smoothness = 75.0;
    double blendshape_gradient = 1.5;  ///< λbg: eq. 7
    /// λreg: eq. 8 (L1 on w and the lighting term). The supplement's 1e-3 is not in our units:
    /// against our photometric and landmark costs it is ~10⁻⁴ of a frame's cost, so the
    /// weights drift freely (on real video, opposing shapes sat at 1 together). Measured on
    /// eval_bench (subject 1000, ground-truth landmarks): 1e-3 / 0.05 / 0.5 gave weight MAE
    /// 0.214 / 0.131 / 0.033 and 3D error 2.87 / 2.83 / 2.76 mm for row A, and for the final
    /// row 3D 1.91 / 1.90 mm, weight MAE 0.127 / 0.031 at 0.05 / 0.5.
    double regularization = 0.5;
    double lighting_norm = 0.02;       ///< λγ inside eq. 8
    // ---- seed 003 options (0 = off) ----
    double lip_contour = 0.0;  ///< seed 003 eq. 7: lip distance-transform loss
    double neutral = 0.0;      ///< seed 003 eq. 11: expression energy on neutral frames
    // ---- ours: priors a direct solver needs where the paper's decoders regularise ----
    /// Squared magnitude of the shape corrections Δ_i^S (mm²) per corrected vertex.
    double shape_prior = 0.05;
    /// λ of eq. 6's Laplacian applied to each blendshape correction F(A_i Δ_i^S) (mm), summed
    /// over the shapes as eq. 7 sums over i: the paper smooths Δ0^S only (its decoder smooths
    /// Δ_i^S); solved for directly, Δ_i^S otherwise absorbs per-landmark detector bias vertex
    /// by vertex. Same units and normalisation as λsd (a mean over the mesh's vertex pairs);
    /// measured with it (see smoothness). 750 rather than 75, final row, synthetic subjects 7
    /// (120 frames) / 8 (90 frames): 3D error 1.224 → 1.117 / 1.389 → 1.272 mm, neutral
    /// 0.868 → 0.840 / 1.111 → 1.071 mm, NME 2.17 → 2.07 / 2.33 → 2.21 %, weight MAE
    /// 0.051 → 0.046 / 0.037 → 0.036 (row A: 1.059 / 1.452 mm).
    double shape_smoothness = 750.0;
    /// Multiplier of λlm inside the modeling problem (the landmark term's pull on Δ0^S, Δ_i^S;
    /// tracking keeps λlm): a detector's per-point bias is not geometry, the photometric and
    /// parsing terms carry the shape. Measured with λsd (see smoothness).
    double correction_landmark = 0.2;
    /// Squared magnitude of the albedo corrections Δ0^R, Δ_i^R per texel (colour units).
    double albedo_prior = 1e-3;

    /// False, with the field's name, when a weight is negative or not finite.
    bool is_valid(std::string* error) const;
};

/// How far the landmarks given to a fit can be trusted as geometry.
enum class LandmarkTrust {
    /// A detector's points (ours: BlazeFace + FaceMesh): each point has a bias of its own that
    /// does not average out over frames, so the shape must not follow them vertex by vertex.
    Detector,
    /// True positions up to independent noise (annotations, markers, the synthetic ground
    /// truth): averaged over the modeling frames they pin the landmark vertices in 3D.
    Measured,
};

/// `base` with the modeling weights for landmarks of the given trust. Detector: `base` as it
/// is (the defaults above were measured with our detector). Measured: λsd 0.5, λ_i^sd 75 and
/// the landmarks' pull on the corrections ×20 (correction_landmark 20 × 0.1 = 2). First with
/// the supplement's λsd 2.5, on eval_bench (seed 1, subject 1000, 100 frames, true landmarks +
/// 1 px noise, final row): neutral error after a similarity alignment 1.77 → 0.92 mm, 3D error
/// 1.92 → 1.08 mm (similarity) and 2.46 → 1.54 mm (rigid; this subject's floor, the truth at
/// the template's size, is 1.65 mm), NME 1.74 → 0.49 %. Multiplier 5 / 50 instead of 20:
/// 1.25 / 1.13 mm (similarity); λsd 7.5, λ_i^sd 750 with multiplier 20: 1.27 mm. λsd then
/// 2.5 → 0.5 (3 subjects x 100 frames, final row, 3D error after a similarity alignment, seed
/// 1 / seed 2): 1.143 / 0.932 → 1.062 / 0.919 mm; 0.1: 1.077 / 0.906 mm. The identity that
/// remained was still the template's (its error correlated 0.6-0.8 with the template's, at
/// 35-45 % of it) — a convergence limit, not the smoothness: see PersonalizationOptions::
/// landmark_pose_passes.
LossWeights landmark_trust_weights(const LossWeights& base, LandmarkTrust trust);

}  // namespace likeness::fit
