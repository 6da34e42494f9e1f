#include "ui/viewport_panel.hpp"

#include <QVBoxLayout>
#include <Qt3DCore/QEntity>
#include <Qt3DCore/QTransform>
#include <Qt3DExtras/QDiffuseSpecularMaterial>
#include <Qt3DExtras/QForwardRenderer>
#include <Qt3DExtras/QOrbitCameraController>
#include <Qt3DExtras/Qt3DWindow>
#include <Qt3DRender/QCamera>
#include <Qt3DRender/QDirectionalLight>
#include <Qt3DRender/QGeometryRenderer>
#include <Qt3DRender/QRenderCapture>
#include <cmath>

#include "ui/mesh_geometry.hpp"

namespace likeness::ui {
namespace {
constexpr float kFieldOfViewDeg = 30.f;
}

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

    // A head light: the light travels with the camera, so every view is lit from the front.
    auto* light = new Qt3DRender::QDirectionalLight(camera);
    light->setWorldDirection(QVector3D(0, 0, -1));
    light->setIntensity(0.9f);
    camera->addComponent(light);

    controller_ = new Qt3DExtras::QOrbitCameraController(root_);
    controller_->setCamera(camera);
    window_->setRootEntity(root_);

    QWidget* container = QWidget::createWindowContainer(window_, this);
    container->setMinimumSize(200, 150);
    container->setFocusPolicy(Qt::StrongFocus);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(container);
}

ViewportPanel::~ViewportPanel() = default;

void ViewportPanel::showMesh(const core::Mesh& mesh) {
    delete mesh_entity_;
    mesh_ = std::make_unique<core::Mesh>(mesh);
    mesh_entity_ = new Qt3DCore::QEntity(root_);

    auto* renderer = new Qt3DRender::QGeometryRenderer(mesh_entity_);
    renderer->setPrimitiveType(Qt3DRender::QGeometryRenderer::Triangles);
    renderer->setGeometry(mesh_geometry(mesh, renderer));
    auto* material = new Qt3DExtras::QDiffuseSpecularMaterial(mesh_entity_);
    material->setAmbient(QColor(70, 60, 55));
    material->setDiffuse(QColor(215, 185, 165));
    material->setSpecular(QColor(18, 18, 18));
    material->setShininess(8.f);
    mesh_entity_->addComponent(renderer);
    mesh_entity_->addComponent(material);
    mesh_entity_->addComponent(new Qt3DCore::QTransform(mesh_entity_));
    fitToView();
    emit meshShown(mesh.vertex_count(), mesh.face_count());
}

void ViewportPanel::fitToView() {
    Qt3DRender::QCamera* camera = window_->camera();
    if (!mesh_ || mesh_->vertex_count() == 0) return;
    const core::Bounds b = core::bounds(*mesh_);
    const Eigen::Vector3f c = b.center();
    const float radius = std::max(1e-6f, 0.5f * b.diagonal());
    const float aspect = height() > 0 ? static_cast<float>(width()) / height() : 4.f / 3.f;
    // The sphere around the mesh must fit the narrower of the two fields of view.
    const float half_fov_y = 0.5f * kFieldOfViewDeg * 3.14159265f / 180.f;
    const float half_fov_x = std::atan(std::tan(half_fov_y) * aspect);
    const float distance = 1.05f * radius / std::sin(std::min(half_fov_x, half_fov_y));
    camera->lens()->setPerspectiveProjection(kFieldOfViewDeg, aspect, distance / 100.f,
                                             distance * 10.f);
    camera->setUpVector(QVector3D(0, 1, 0));
    camera->setViewCenter(QVector3D(c.x(), c.y(), c.z()));
    camera->setPosition(QVector3D(c.x(), c.y(), c.z() + distance));
    controller_->setLinearSpeed(2.f * radius);  // pan/zoom speed scales with the model
}

Qt3DRender::QRenderCaptureReply* ViewportPanel::requestCapture() {
    return capture_->requestCapture();
}

}  // namespace likeness::ui
