#include "ui/viewport_panel.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QToolButton>
#include <QVBoxLayout>
#include <QVector2D>
#include <Qt3DCore/QEntity>
#include <Qt3DCore/QTransform>
#include <Qt3DExtras/QForwardRenderer>
#include <Qt3DExtras/QOrbitCameraController>
#include <Qt3DExtras/Qt3DWindow>
#include <Qt3DRender/QCamera>
#include <Qt3DRender/QRenderCapture>
#include <cmath>

#include "engine/retarget/puppet.hpp"
#include "ui/colour_map.hpp"
#include "ui/face_entity.hpp"
#include "ui/face_material.hpp"
#include "ui/face_model.hpp"
#include "ui/image_texture.hpp"

namespace likeness::ui {
namespace {
constexpr float kFieldOfViewDeg = 30.f;
constexpr float kPi = 3.14159265f;
constexpr float kBackdropDepthCm = 1000.f;  ///< the video frame's plane, far behind any face

QColor clay() {
    return QColor(200, 180, 165);
}

}  // namespace

ViewportPanel::ViewportPanel(QWidget* parent) : QWidget(parent) {
    window_ = new Qt3DExtras::Qt3DWindow;
    window_->defaultFrameGraph()->setClearColor(QColor(46, 48, 54));

    // The capture node sits above the default frame graph so any frame can be grabbed.
    capture_ = new Qt3DRender::QRenderCapture;
    window_->activeFrameGraph()->setParent(capture_);
    window_->setActiveFrameGraph(capture_);

    root_ = new Qt3DCore::QEntity;
    Qt3DRender::QCamera* camera = window_->camera();
    camera->lens()->setPerspectiveProjection(kFieldOfViewDeg, 4.f / 3.f, 0.1f, 1000.f);
    camera->setPosition(QVector3D(0, 0, 40));
    camera->setViewCenter(QVector3D(0, 0, 0));
    controller_ = new Qt3DExtras::QOrbitCameraController(root_);
    controller_->setCamera(camera);

    personal_albedo_ = new ImageTexture(root_);
    template_albedo_ = new ImageTexture(root_);
    frame_texture_ = new ImageTexture(root_);
    puppet_albedo_ = new ImageTexture(root_);
    personal_entity_ = new FaceEntity(root_);
    template_entity_ = new FaceEntity(root_);
    backdrop_ = new FaceEntity(root_);
    puppet_entity_ = new FaceEntity(root_);
    personal_entity_->material()->setAlbedoTexture(personal_albedo_);
    template_entity_->material()->setAlbedoTexture(template_albedo_);
    backdrop_->material()->setAlbedoTexture(frame_texture_);
    backdrop_->material()->setShading(FaceMaterial::Shading::Albedo);
    puppet_entity_->material()->setAlbedoTexture(puppet_albedo_);
    for (FaceEntity* e : {personal_entity_, template_entity_, backdrop_, puppet_entity_}) {
        e->material()->setBaseColour(clay());
        e->setEnabled(false);
    }
    window_->setRootEntity(root_);

    QWidget* container = QWidget::createWindowContainer(window_, this);
    container->setMinimumSize(200, 150);
    container->setFocusPolicy(Qt::StrongFocus);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    buildToolbar();
    layout->addWidget(findChild<QWidget*>("ViewportToolbar"));
    layout->addWidget(container, 1);
    layout->addWidget(caption_);
    updateCaption();
}

ViewportPanel::~ViewportPanel() = default;

void ViewportPanel::buildToolbar() {
    auto* bar = new QWidget(this);
    bar->setObjectName("ViewportToolbar");
    mode_box_ = new QComboBox(bar);
    mode_box_->setObjectName("ViewportModeBox");
    for (ViewportMode mode : kViewportModes)
        mode_box_->addItem(viewport_mode_name(mode), viewport_mode_key(mode));
    mode_box_->setToolTip(tr("What the viewport shows (Ctrl+1 … Ctrl+6)"));
    connect(mode_box_, QOverload<int>::of(&QComboBox::activated), this,
            [this](int i) { setMode(kViewportModes[static_cast<size_t>(i)]); });
    neutral_box_ = new QCheckBox(tr("Neutral"), bar);
    neutral_box_->setToolTip(tr("Show the neutral face instead of the current expression"));
    connect(neutral_box_, &QCheckBox::toggled, this, &ViewportPanel::setShowNeutral);
    side_box_ = new QCheckBox(tr("Side by side"), bar);
    side_box_->setToolTip(tr("The template (left) beside the personalized model (right)"));
    connect(side_box_, &QCheckBox::toggled, this, &ViewportPanel::setSideBySide);
    opacity_slider_ = new QSlider(Qt::Horizontal, bar);
    opacity_slider_->setRange(0, 100);
    opacity_slider_->setValue(static_cast<int>(opacity_ * 100));
    opacity_slider_->setMinimumWidth(50);
    opacity_slider_->setMaximumWidth(90);
    opacity_slider_->setToolTip(tr("Overlay opacity"));
    connect(opacity_slider_, &QSlider::valueChanged, this,
            [this](int v) { setOverlayOpacity(v / 100.f); });
    auto* reset = new QToolButton(bar);
    reset->setText(tr("Reset view"));
    reset->setToolTip(tr("Front view of the whole face (F)"));
    connect(reset, &QToolButton::clicked, this, &ViewportPanel::resetView);

    auto* row = new QHBoxLayout(bar);
    row->setContentsMargins(4, 2, 4, 0);
    row->addWidget(mode_box_);
    row->addWidget(neutral_box_);
    row->addWidget(side_box_);
    row->addWidget(opacity_slider_);
    row->addStretch(1);
    row->addWidget(reset);
    caption_ = new QLabel(this);
    caption_->setObjectName("ViewportCaption");
    caption_->setContentsMargins(6, 0, 6, 2);
}

void ViewportPanel::setFaceModel(std::shared_ptr<const FaceModel> model) {
    model_ = std::move(model);
    if (!model_) {
        personal_entity_->setEnabled(false);
        template_entity_->setEnabled(false);
        updateCaption();
        return;
    }
    personal_entity_->setMesh(model_->neutral);
    template_entity_->setMesh(model_->neutral);
    const core::Bounds b = core::bounds(model_->neutral);
    side_offset_cm_ = 0.56f * (b.max.x() - b.min.x());
    template_albedo_->setImage(rgb_image(model_->template_albedo));
    albedo_weights_.resize(0);
    colour_values_.resize(0);
    refreshGeometry();
    applyMode();
    fitToView();
}

void ViewportPanel::setFrameState(const FrameState& state) {
    state_ = state;
    if (mode_ == ViewportMode::Overlay) layoutEntities();
    refreshGeometry();
}

void ViewportPanel::setVideoFrame(const QImage& frame, const TrackedCamera& camera) {
    frame_ = frame;
    camera_ = camera;
    if (mode_ == ViewportMode::Overlay) {
        frame_texture_->setImage(frame_);
        setUpTrackedCamera();
    }
}

void ViewportPanel::setExpressionOverride(const Eigen::VectorXf& w) {
    override_ = w;
    refreshGeometry();
}

void ViewportPanel::setColourMap(const Eigen::VectorXf& values, float max_value,
                                 const QString& label) {
    colour_values_ = values;
    colour_max_ = max_value;
    colour_label_ = label;
    if (mode_ != ViewportMode::ColourMap)
        setMode(ViewportMode::ColourMap);
    else
        refreshColours();
    updateCaption();
}

const core::Mesh* ViewportPanel::mesh() const {
    return puppet_ ? &puppet_->rig().neutral : nullptr;
}

const core::MatrixX3fR& ViewportPanel::puppetPositions() const {
    return puppet_entity_->positions();
}

const core::MatrixX3fR& ViewportPanel::facePositions() const {
    return personal_entity_->positions();
}

Eigen::VectorXf ViewportPanel::shownWeights() const {
    const int n = model_ ? model_->shape_count() : 52;
    if (neutral_) return Eigen::VectorXf::Zero(n);
    if (override_.size() == n) return override_;
    if (state_.w.size() == n) return state_.w;
    return Eigen::VectorXf::Zero(n);
}

void ViewportPanel::refreshGeometry() {
    refreshPuppet();
    if (!model_) return;
    const Eigen::VectorXf w = shownWeights();
    personal_entity_->setPositions(model_->shape(w, personal_));
    if (side_by_side_) template_entity_->setPositions(model_->shape(w, false));
    refreshColours();
    refreshAlbedo();
}

void ViewportPanel::refreshPuppet() {
    if (!puppet_) return;
    // The frame's retargeted weights, unless the viewport shows a dialled shape or neutral.
    std::array<float, 52> w{};
    const Eigen::VectorXf shown = shownWeights();
    if (state_.has_retargeted && !neutral_ && override_.size() == 0)
        w = state_.retargeted;
    else
        for (int i = 0; i < std::min<int>(52, static_cast<int>(shown.size())); ++i)
            w[static_cast<size_t>(i)] = shown[i];
    core::MatrixX3fR V;
    puppet_->pose(w, &V);
    puppet_entity_->setPositions(V);
    if (!puppet_->rig().dynamic_albedo.empty() &&
        (mode_ == ViewportMode::Albedo || mode_ == ViewportMode::Reconstruction)) {
        cv::Mat albedo;
        puppet_->albedo(w, &albedo);
        puppet_albedo_->setImage(rgb_image(albedo));
    }
}

void ViewportPanel::refreshColours() {
    const bool shaded = mode_ == ViewportMode::Reconstruction || mode_ == ViewportMode::Lighting ||
                        mode_ == ViewportMode::Overlay;
    for (FaceEntity* e : {personal_entity_, template_entity_, puppet_entity_}) {
        if (e == template_entity_ && !side_by_side_) continue;
        if (e == puppet_entity_ ? !puppet_ : !model_) continue;
        const int nv = e->vertexCount();
        if (shaded) {
            // SH shading of the frame (γ in the camera frame) at the posed normals: the
            // lighting the camera saw, whichever way the user turns the model.
            const Eigen::Matrix3f R = state_.pose.R_cam_from_model();
            core::MatrixX3fR colours(nv, 3);
            for (int v = 0; v < nv; ++v)
                colours.row(v) =
                    state_.lighting.shade(R * e->normals().row(v).transpose()).transpose();
            e->setColours(colours);
        } else if (mode_ == ViewportMode::ColourMap && colour_values_.size() == nv &&
                   e != puppet_entity_) {
            e->setColours(heat_colours(colour_values_, colour_max_));
        } else if (mode_ == ViewportMode::ColourMap) {
            e->setColours(core::MatrixX3fR::Constant(nv, 3, 0.55f));
        }
    }
}

void ViewportPanel::refreshAlbedo() {
    if (!model_) return;
    const bool textured = mode_ == ViewportMode::Albedo || mode_ == ViewportMode::Reconstruction ||
                          mode_ == ViewportMode::Overlay;
    if (!textured) return;
    // Static albedo is uploaded once; dynamic albedo follows the expression.
    const Eigen::VectorXf w = model_->has_dynamic_albedo() && personal_
                                  ? shownWeights()
                                  : Eigen::VectorXf::Zero(model_->shape_count());
    if (albedo_weights_.size() == w.size() && albedo_weights_ == w) return;
    albedo_weights_ = w;
    personal_albedo_->setImage(
        rgb_image(personal_ ? model_->albedo_at(w) : model_->template_albedo));
}

void ViewportPanel::setMode(ViewportMode mode) {
    const bool was_overlay = mode_ == ViewportMode::Overlay;
    mode_ = mode;
    {
        const QSignalBlocker block(mode_box_);
        mode_box_->setCurrentIndex(mode_box_->findData(viewport_mode_key(mode)));
    }
    applyMode();
    refreshColours();
    refreshAlbedo();
    if (was_overlay && mode != ViewportMode::Overlay) fitToView();
    emit modeChanged(mode);
}

void ViewportPanel::applyMode() {
    using Shading = FaceMaterial::Shading;
    Shading shading = Shading::Shaded;
    switch (mode_) {
        case ViewportMode::Shape:
            shading = Shading::Shaded;
            break;
        case ViewportMode::Albedo:
            shading = Shading::Albedo;
            break;
        case ViewportMode::Reconstruction:
        case ViewportMode::Overlay:
            shading = Shading::Textured;
            break;
        case ViewportMode::Lighting:
            shading = Shading::VertexColour;
            break;
        case ViewportMode::ColourMap:
            shading = Shading::ColourMap;
            break;
    }
    for (FaceEntity* e : {personal_entity_, template_entity_})
        e->material()->setShading(shading);
    // A character without a texture shows as clay where the face shows its albedo.
    const bool untextured = !puppet_ || puppet_->rig().albedo.empty();
    puppet_entity_->material()->setShading(
        untextured && shading == Shading::Albedo     ? Shading::Shaded
        : untextured && shading == Shading::Textured ? Shading::VertexColour
                                                     : shading);
    const bool overlay = mode_ == ViewportMode::Overlay;
    opacity_slider_->setEnabled(overlay);
    side_box_->setEnabled(!overlay);
    controller_->setEnabled(!overlay);
    if (overlay) {
        frame_texture_->setImage(frame_);
        setUpTrackedCamera();
    } else {
        personal_entity_->material()->setBackdrop(nullptr, {}, 1.f);
    }
    layoutEntities();
    updateCaption();
}

void ViewportPanel::layoutEntities() {
    const bool face = model_ != nullptr;
    const bool overlay = mode_ == ViewportMode::Overlay;
    const bool pair = face && side_by_side_ && !overlay;
    personal_entity_->setEnabled(face);
    template_entity_->setEnabled(pair);
    backdrop_->setEnabled(face && overlay);
    puppet_entity_->setEnabled(puppet_ && !overlay);
    if (puppet_) {
        // The character stands to the right of the face (or alone), centred on its height.
        const core::Bounds pb = core::bounds(puppet_->rig().neutral);
        float x = 0.f, y = 0.f, z = 0.f;
        if (face) {
            const core::Bounds fb = core::bounds(model_->neutral);
            const float right = fb.max.x() + (pair ? side_offset_cm_ : 0.f);
            x = right + 0.15f * (fb.max.x() - fb.min.x()) + 0.5f * (pb.max.x() - pb.min.x());
            y = fb.center().y();
            z = fb.center().z();
        }
        const Eigen::Vector3f c = pb.center();
        puppet_entity_->transform()->setTranslation(QVector3D(x - c.x(), y - c.y(), z - c.z()));
    }
    Qt3DCore::QTransform* t = personal_entity_->transform();
    if (overlay) {
        // The tracked pose: p_cam = R p_model + t, and the camera sits at the origin.
        const Eigen::Vector3f r = state_.pose.rotation;
        const float angle = r.norm();
        const Eigen::Vector3f axis =
            angle > 1e-9f ? Eigen::Vector3f(r / angle) : Eigen::Vector3f::UnitX();
        t->setRotation(QQuaternion::fromAxisAndAngle(QVector3D(axis.x(), axis.y(), axis.z()),
                                                     angle * 180.f / kPi));
        const Eigen::Vector3f& p = state_.pose.translation_cm;
        t->setTranslation(QVector3D(p.x(), p.y(), p.z()));
    } else {
        t->setRotation(QQuaternion());
        t->setTranslation(QVector3D(pair ? side_offset_cm_ : 0.f, 0.f, 0.f));
    }
    template_entity_->transform()->setTranslation(QVector3D(-side_offset_cm_, 0.f, 0.f));
}

void ViewportPanel::setUpTrackedCamera() {
    if (mode_ != ViewportMode::Overlay) return;
    const int W = frame_.isNull() ? std::max(camera_.width, 640) : frame_.width();
    const int H = frame_.isNull() ? std::max(camera_.height, 480) : frame_.height();
    const float f = frame_camera(camera_, W, H).focal_px;
    const float aspect =
        window_->height() > 0 ? static_cast<float>(window_->width()) / window_->height() : 1.f;
    // The whole frame in view: the narrower direction decides the field of view.
    const float tan_half = std::max(0.5f * H, 0.5f * W / aspect) / f;
    Qt3DRender::QCamera* camera = window_->camera();
    camera->lens()->setPerspectiveProjection(2.f * std::atan(tan_half) * 180.f / kPi, aspect, 1.f,
                                             2.f * kBackdropDepthCm);
    camera->setPosition(QVector3D(0, 0, 0));
    camera->setUpVector(QVector3D(0, 1, 0));
    camera->setViewCenter(QVector3D(0, 0, -1));

    // The frame on a plane at kBackdropDepthCm, exactly where the camera sees the image.
    const float hw = kBackdropDepthCm * 0.5f * W / f, hh = kBackdropDepthCm * 0.5f * H / f;
    core::Mesh plane;
    plane.V.resize(4, 3);
    plane.V << -hw, -hh, -kBackdropDepthCm, hw, -hh, -kBackdropDepthCm, hw, hh, -kBackdropDepthCm,
        -hw, hh, -kBackdropDepthCm;
    plane.F.resize(2, 3);
    plane.F << 0, 1, 2, 0, 2, 3;
    plane.UV.resize(4, 2);
    plane.UV << 0, 0, 1, 0, 1, 1, 0, 1;
    backdrop_->setMesh(plane);
    const QVector2D extent(0.5f * W / f / (tan_half * aspect), 0.5f * H / f / tan_half);
    personal_entity_->material()->setBackdrop(frame_texture_, extent, opacity_);
    layoutEntities();
}

void ViewportPanel::setShowNeutral(bool neutral) {
    neutral_ = neutral;
    const QSignalBlocker block(neutral_box_);
    neutral_box_->setChecked(neutral);
    refreshGeometry();
}

void ViewportPanel::setSideBySide(bool on) {
    side_by_side_ = on;
    {
        const QSignalBlocker block(side_box_);
        side_box_->setChecked(on);
    }
    layoutEntities();
    refreshGeometry();
    fitToView();
    updateCaption();
}

void ViewportPanel::setShowPersonal(bool personal) {
    personal_ = personal;
    albedo_weights_.resize(0);
    refreshGeometry();
    updateCaption();
}

void ViewportPanel::setOverlayOpacity(float opacity) {
    opacity_ = std::clamp(opacity, 0.f, 1.f);
    {
        const QSignalBlocker block(opacity_slider_);
        opacity_slider_->setValue(static_cast<int>(std::lround(opacity_ * 100.f)));
    }
    if (mode_ == ViewportMode::Overlay) setUpTrackedCamera();
}

void ViewportPanel::setPuppet(std::shared_ptr<const retarget::Puppet> puppet) {
    const bool first = !puppet_ && puppet;
    const bool same_mesh =
        puppet_ && puppet &&
        puppet_->rig().neutral.vertex_count() == puppet->rig().neutral.vertex_count() &&
        puppet_->rig().neutral.F.rows() == puppet->rig().neutral.F.rows();
    puppet_ = std::move(puppet);
    if (puppet_) {
        if (!same_mesh) puppet_entity_->setMesh(puppet_->rig().neutral);
        puppet_albedo_->setImage(puppet_->rig().albedo.empty() ? QImage()
                                                               : rgb_image(puppet_->rig().albedo));
    }
    applyMode();
    refreshGeometry();
    refreshColours();
    if (first || !same_mesh) fitToView();
    if (puppet_)
        emit meshShown(puppet_->rig().neutral.vertex_count(), puppet_->rig().neutral.face_count());
}

void ViewportPanel::fitToView() {
    if (mode_ == ViewportMode::Overlay) return;
    core::Bounds b;
    if (model_) {
        b = core::bounds(model_->neutral);
        if (side_by_side_) {
            b.min.x() -= side_offset_cm_;
            b.max.x() += side_offset_cm_;
        }
    }
    if (puppet_) {  // where layoutEntities() put the character
        const core::Bounds pb = core::bounds(puppet_->rig().neutral);
        const QVector3D t = puppet_entity_->transform()->translation();
        const Eigen::Vector3f shift(t.x(), t.y(), t.z());
        const Eigen::Vector3f lo = pb.min + shift, hi = pb.max + shift;
        const bool had_face = !b.empty();
        b.min = had_face ? Eigen::Vector3f(b.min.cwiseMin(lo)) : lo;
        b.max = had_face ? Eigen::Vector3f(b.max.cwiseMax(hi)) : hi;
    }
    if (b.empty()) return;
    Qt3DRender::QCamera* camera = window_->camera();
    const Eigen::Vector3f c = b.center();
    const float radius = std::max(1e-6f, 0.5f * b.diagonal());
    const float aspect = window_->height() > 0
                             ? static_cast<float>(window_->width()) / window_->height()
                             : 4.f / 3.f;
    // The sphere around the mesh must fit the narrower of the two fields of view.
    const float half_fov_y = 0.5f * kFieldOfViewDeg * kPi / 180.f;
    const float half_fov_x = std::atan(std::tan(half_fov_y) * aspect);
    const float distance = 1.05f * radius / std::sin(std::min(half_fov_x, half_fov_y));
    camera->lens()->setPerspectiveProjection(kFieldOfViewDeg, aspect, distance / 100.f,
                                             distance * 10.f);
    camera->setUpVector(QVector3D(0, 1, 0));
    camera->setViewCenter(QVector3D(c.x(), c.y(), c.z()));
    camera->setPosition(QVector3D(c.x(), c.y(), c.z() + distance));
    controller_->setLinearSpeed(2.f * radius);  // pan/zoom speed scales with the model
}

void ViewportPanel::resetView() {
    if (mode_ == ViewportMode::Overlay)
        setUpTrackedCamera();
    else
        fitToView();
}

Qt3DRender::QRenderCaptureReply* ViewportPanel::requestCapture() {
    return capture_->requestCapture();
}

void ViewportPanel::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    if (mode_ == ViewportMode::Overlay) setUpTrackedCamera();
}

void ViewportPanel::updateCaption() {
    if (!model_) {
        caption_->setText(puppet_ ? tr("Character: %1 vertices").arg(puppet_entity_->vertexCount())
                                  : tr("No face model yet"));
        return;
    }
    QString text = viewport_mode_name(mode_);
    if (mode_ == ViewportMode::ColourMap && !colour_label_.isEmpty()) text += ": " + colour_label_;
    if (side_by_side_ && mode_ != ViewportMode::Overlay)
        text += tr("  ·  left: template, right: %1")
                    .arg(model_->personalized() ? tr("personalized")
                                                : tr("template (not "
                                                     "personalized yet)"));
    else if (!personal_ || !model_->personalized())
        text += tr("  ·  template shapes");
    if (puppet_ && mode_ != ViewportMode::Overlay) text += tr("  ·  right: the character");
    caption_->setText(text);
}

}  // namespace likeness::ui
