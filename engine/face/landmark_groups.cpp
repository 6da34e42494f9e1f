#include "engine/face/landmark_groups.hpp"

#include <map>

#include "engine/face/template_error.hpp"
#include "engine/nn/mesh_landmark_indices.hpp"

namespace likeness::face {
namespace {

// FaceMesh's annotation names are the subject's sides too ("leftEye" is at +x).
const std::map<std::string, std::vector<int>>& groups() {
    static const std::map<std::string, std::vector<int>> kGroups = {
        {"lips_upper_outer", {61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291}},
        {"lips_lower_outer", {61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291}},
        {"lips_upper_inner", {78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308}},
        {"lips_lower_inner", {78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308}},
        {"lips_upper_mid",
         {185, 40, 39, 37, 0, 267, 269, 270, 409, 191, 80, 81, 82, 13, 312, 311, 310, 415}},
        {"lips_lower_mid",
         {146, 91, 181, 84, 17, 314, 405, 321, 375, 95, 88, 178, 87, 14, 317, 402, 318, 324}},
        {"lips_upper_left_half", {267, 269, 270, 409, 312, 311, 310, 415}},
        {"lips_upper_right_half", {37, 39, 40, 185, 82, 81, 80, 191}},
        {"lips_lower_left_half", {314, 405, 321, 375, 317, 402, 318, 324}},
        {"lips_lower_right_half", {84, 181, 91, 146, 87, 178, 88, 95}},
        {"mouth_corner_left", {291, 308}},
        {"mouth_corner_right", {61, 78}},
        {"eye_right_upper0", {246, 161, 160, 159, 158, 157, 173}},
        {"eye_right_lower0", {33, 7, 163, 144, 145, 153, 154, 155, 133}},
        {"eye_right_upper_lid", {33, 246, 161, 160, 159, 158, 157, 173, 133}},
        {"eye_right_upper1", {247, 30, 29, 27, 28, 56, 190}},
        {"eye_right_lower1", {130, 25, 110, 24, 23, 22, 26, 112, 243}},
        {"eye_right_upper2", {113, 225, 224, 223, 222, 221, 189}},
        {"eye_right_lower2", {226, 31, 228, 229, 230, 231, 232, 233, 244}},
        {"eye_right_lower3", {143, 111, 117, 118, 119, 120, 121, 128, 245}},
        {"eye_right_ring",
         {33, 7, 163, 144, 145, 153, 154, 155, 133, 173, 157, 158, 159, 160, 161, 246}},
        {"eye_left_upper0", {466, 388, 387, 386, 385, 384, 398}},
        {"eye_left_lower0", {263, 249, 390, 373, 374, 380, 381, 382, 362}},
        {"eye_left_upper_lid", {263, 466, 388, 387, 386, 385, 384, 398, 362}},
        {"eye_left_upper1", {467, 260, 259, 257, 258, 286, 414}},
        {"eye_left_lower1", {359, 255, 339, 254, 253, 252, 256, 341, 463}},
        {"eye_left_upper2", {342, 445, 444, 443, 442, 441, 413}},
        {"eye_left_lower2", {446, 261, 448, 449, 450, 451, 452, 453, 464}},
        {"eye_left_lower3", {372, 340, 346, 347, 348, 349, 350, 357, 465}},
        {"eye_left_ring",
         {263, 249, 390, 373, 374, 380, 381, 382, 362, 398, 384, 385, 386, 387, 388, 466}},
        {"brow_right_upper", {156, 70, 63, 105, 66, 107, 55, 193}},
        {"brow_right_lower", {35, 124, 46, 53, 52, 65}},
        {"brow_right_arch", {70, 63, 105, 66, 107, 46, 53, 52, 65}},
        {"brow_right_inner", {107, 55, 65, 66}},
        {"brow_right_outer", {70, 46, 63, 53}},
        {"brow_left_upper", {383, 300, 293, 334, 296, 336, 285, 417}},
        {"brow_left_lower", {265, 353, 276, 283, 282, 295}},
        {"brow_left_arch", {300, 293, 334, 296, 336, 276, 283, 282, 295}},
        {"brow_left_inner", {336, 285, 295, 296}},
        {"brow_left_outer", {300, 276, 293, 283}},
        {"nose_tip", {1, 4}},
        {"nose_bridge", {168, 6, 197, 195, 5}},
        {"nose_bottom", {2, 94}},
        {"nose_right_ala", {98, 64, 48, 115, 220}},
        {"nose_left_ala", {327, 294, 278, 344, 440}},
        {"cheek_right", {205, 50, 123, 187}},
        {"cheek_left", {425, 280, 352, 411}},
        {"chin", {152, 175, 199, 200, 18}},
        {"jaw_contour",
         {132, 58, 172, 136, 150, 149, 176, 148, 152, 377, 400, 378, 379, 365, 397, 288, 361}},
        {"jaw_lower", {136, 150, 149, 176, 148, 152, 377, 400, 378, 379, 365}},
        {"face_side_upper", {132, 93, 234, 127, 361, 323, 454, 356}},
        {"silhouette", {10,  338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288,
                        397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136,
                        172, 58,  132, 93,  234, 127, 162, 21,  54,  103, 67,  109}},
        {"midline", {10,  151, 9,  8,  168, 6,  197, 195, 5,  4,  1,   19,  94,  2,
                     164, 0,   11, 12, 13,  14, 15,  16,  17, 18, 200, 199, 175, 152}},
    };
    return kGroups;
}

}  // namespace

const std::vector<int>& landmark_group(const std::string& name) {
    const auto& g = groups();
    const auto it = g.find(name);
    if (it == g.end()) {
        std::string known;
        for (const auto& [key, value] : g)
            known += (known.empty() ? "" : ", ") + key;
        throw TemplateError("unknown landmark group '" + name + "' (known: " + known + ")");
    }
    return it->second;
}

std::vector<std::string> landmark_group_names() {
    std::vector<std::string> names;
    for (const auto& [key, value] : groups())
        names.push_back(key);
    return names;
}

const std::vector<int>& ibug68_landmarks() {
    static const std::vector<int> kVtx68(nn::kIbug68FromMesh.begin(), nn::kIbug68FromMesh.end());
    return kVtx68;
}

}  // namespace likeness::face
