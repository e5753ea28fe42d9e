//! The one on-screen renderer of [`ChartSpec`]: every chart view draws through here, so the
//! window shows exactly the marks the exports write. Zoom and drag are off: a chart is a
//! finished picture for a slide, not an explorer.

use std::ops::RangeInclusive;

use eframe::egui::{self, Align2, Color32};
use egui_plot::{GridInput, GridMark, HLine, Line, Plot, PlotPoint, PlotPoints, Points, Polygon, Span, Text, VLine};

use crate::charts::{Anchor, ChartKind, ChartSpec, Mark, Rgba};

/// Text inside the plot: value labels, event names, "Ved ikke" counts.
const LABEL_SIZE: f32 = 14.0;

fn color(rgba: Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(rgba.0, rgba.1, rgba.2, rgba.3)
}

/// Grid lines exactly at the spec's ticks, so the screen's axis is the export's axis.
fn tick_marks(ticks: &[(f64, String)]) -> Vec<GridMark> {
    let step = match ticks {
        [first, second, ..] => (second.0 - first.0).abs().max(f64::EPSILON),
        _ => 1.0,
    };
    ticks
        .iter()
        .map(|(value, _)| GridMark {
            value: *value,
            step_size: step,
        })
        .collect()
}

/// The tick's label, or nothing for ticks skipped (every `stride`-th is labelled) so that
/// labels on a narrow screen do not print over each other.
fn tick_label(ticks: &[(f64, String)], mark: GridMark, stride: usize) -> String {
    let tolerance = (mark.step_size * 1e-6).max(1e-9);
    ticks
        .iter()
        .enumerate()
        .find(|(_, (value, _))| (value - mark.value).abs() <= tolerance)
        .filter(|(index, _)| index % stride.max(1) == 0)
        .map(|(_, (_, label))| label.clone())
        .unwrap_or_default()
}

/// Every how many x ticks a label fits in `width` points.
fn label_stride(ticks: &[(f64, String)], width: f32) -> usize {
    let widest = ticks.iter().map(|(_, l)| l.chars().count()).max().unwrap_or(0) as f32;
    let needed = ticks.len() as f32 * (widest * 7.5 + 14.0);
    (needed / width.max(1.0)).ceil().max(1.0) as usize
}

fn align(anchor: Anchor) -> Align2 {
    match anchor {
        Anchor::Start => Align2::LEFT_CENTER,
        Anchor::Middle => Align2::CENTER_CENTER,
        Anchor::End => Align2::RIGHT_CENTER,
    }
}

/// Title, subtitle, the plot, and the source line, filling the space given.
pub fn chart_ui(ui: &mut egui::Ui, spec: &ChartSpec, id_salt: &str) {
    ui.heading(&spec.title);
    if let Some(subtitle) = &spec.subtitle {
        ui.label(subtitle);
    }
    if !spec.legend.is_empty() {
        legend_ui(ui, spec);
    }
    let source_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    let height = (ui.available_height() - source_height).max(200.0);
    plot_ui(ui, spec, id_salt, height);
    ui.weak(&spec.source);
}

/// The legend as a row above the plot, as on the exported slide, so it never covers data.
fn legend_ui(ui: &mut egui::Ui, spec: &ChartSpec) {
    ui.horizontal_wrapped(|ui| {
        for item in &spec.legend {
            let size = egui::vec2(14.0, 14.0);
            let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
            ui.painter().rect_filled(rect, 2.0, color(item.color));
            ui.label(&item.label);
            ui.add_space(12.0);
        }
    });
}

fn plot_ui(ui: &mut egui::Ui, spec: &ChartSpec, id_salt: &str, height: f32) {
    let x_ticks = spec.x_axis.ticks.clone();
    let x_labels = spec.x_axis.ticks.clone();
    let y_ticks = spec.y_axis.ticks.clone();
    let y_labels = spec.y_axis.ticks.clone();
    // Room for the longest y label (question names in the distribution chart).
    let longest_y = spec
        .y_axis
        .ticks
        .iter()
        .map(|(_, l)| l.chars().count())
        .max()
        .unwrap_or(3);
    let y_width = (longest_y as f32 * 7.5).clamp(30.0, 360.0);
    let x_stride = label_stride(&spec.x_axis.ticks, ui.available_width() - y_width);
    let (x_min, x_max) = (spec.x_axis.min, spec.x_axis.max);
    let (y_min, y_max) = (spec.y_axis.min, spec.y_axis.max);
    // Grid lines only across the value axis: lines through the middle of category bars confuse.
    let show_grid = match spec.kind {
        ChartKind::Bars => [false, true],
        ChartKind::Distribution | ChartKind::CrossTab => [true, false],
        ChartKind::Trend => [true, true],
    };
    // A little room at the ends so the first and last tick labels are not cut, and room on
    // the right for text set after the axis end (the distribution's "Ved ikke" counts), which
    // the exports place in their margin.
    let x_range = (x_max - x_min).abs();
    let x_pad = x_range * 0.02;
    let plot_width = ui.available_width() - y_width;
    let right_text_px = spec
        .marks
        .iter()
        .filter_map(|mark| match mark {
            Mark::Text { x, text, anchor, .. } if *anchor == Anchor::Start && (x.is_nan() || *x >= x_max) => {
                Some(text.chars().count() as f32 * 7.5 + 12.0)
            }
            _ => None,
        })
        .fold(0.0f32, f32::max);
    let right_room = if right_text_px > 0.0 {
        x_range * f64::from(right_text_px / (plot_width - right_text_px).max(100.0))
    } else {
        x_pad
    };
    let plot = Plot::new(id_salt)
        .height(height)
        .show_grid(show_grid)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_crosshair(false)
        .default_x_bounds(x_min - x_pad, x_max + right_room)
        .default_y_bounds(y_min, y_max)
        .x_axis_label(spec.x_axis.label.clone())
        .y_axis_label(spec.y_axis.label.clone())
        .y_axis_min_width(y_width)
        .x_grid_spacer(move |_: GridInput| tick_marks(&x_ticks))
        .y_grid_spacer(move |_: GridInput| tick_marks(&y_ticks))
        .x_axis_formatter(move |mark: GridMark, _: &RangeInclusive<f64>| tick_label(&x_labels, mark, x_stride))
        .y_axis_formatter(move |mark: GridMark, _: &RangeInclusive<f64>| tick_label(&y_labels, mark, 1))
        .label_formatter(|_| None);
    plot.show(ui, |plot_ui| {
        let mut event_index = 0;
        let mut span_index = 0;
        for mark in &spec.marks {
            match mark {
                Mark::Rect {
                    x0,
                    x1,
                    y0,
                    y1,
                    fill,
                    label,
                    ..
                } => {
                    let corners = vec![[*x0, *y0], [*x1, *y0], [*x1, *y1], [*x0, *y1]];
                    plot_ui.add(
                        Polygon::new("", PlotPoints::new(corners))
                            .fill_color(color(*fill))
                            .stroke(egui::Stroke::NONE)
                            .allow_hover(false),
                    );
                    if let Some(label) = label {
                        // Horizontal stacked segments carry their label inside; upright bars on top.
                        // As the exports place them: inside a stacked segment, after a horizontal
                        // bar's end, above an upright bar.
                        let ink = plot_ui.ctx().global_style().visuals.text_color();
                        let middle_y = (y0 + y1) / 2.0;
                        let (position, anchor, text_color) = match spec.kind {
                            ChartKind::Distribution => (
                                PlotPoint::new((x0 + x1) / 2.0, middle_y),
                                Align2::CENTER_CENTER,
                                color(crate::charts::palette::text_on(*fill)),
                            ),
                            ChartKind::CrossTab => (PlotPoint::new(x0.max(*x1), middle_y), Align2::LEFT_CENTER, ink),
                            _ => (PlotPoint::new((x0 + x1) / 2.0, y0.max(*y1)), Align2::CENTER_BOTTOM, ink),
                        };
                        plot_ui.add(
                            Text::new(
                                "",
                                position,
                                egui::RichText::new(format!(" {label} ")).size(LABEL_SIZE).strong(),
                            )
                            .anchor(anchor)
                            .color(text_color)
                            .allow_hover(false),
                        );
                    }
                }
                Mark::Line {
                    points,
                    color: line,
                    width,
                    ..
                } => {
                    plot_ui.add(
                        Line::new("", PlotPoints::new(points.clone()))
                            .color(color(*line))
                            .width(*width as f32)
                            .allow_hover(false),
                    );
                    plot_ui.add(
                        Points::new("", PlotPoints::new(points.clone()))
                            .color(color(*line))
                            .radius(4.0),
                    );
                }
                Mark::Event { x, label, color: line } => {
                    plot_ui.add(VLine::new("", *x).color(color(*line)).width(1.5));
                    // Below the row of span labels, staggered so neighbouring events do not
                    // print over each other.
                    let y = y_max - (y_max - y_min) * (0.06 + 0.05 * (event_index % 3) as f64);
                    // Near the right edge the label reads leftwards, so it is not cut off.
                    let near_right = *x > x_min + (x_max - x_min) * 0.8;
                    let (text, anchor) = if near_right {
                        (format!("{label} "), Align2::RIGHT_TOP)
                    } else {
                        (format!(" {label}"), Align2::LEFT_TOP)
                    };
                    plot_ui.add(
                        Text::new("", PlotPoint::new(*x, y), egui::RichText::new(text).size(LABEL_SIZE))
                            .anchor(anchor)
                            .color(color(*line))
                            .allow_hover(false),
                    );
                    event_index += 1;
                }
                Mark::Span { x0, x1, label, fill } => {
                    plot_ui.add(Span::new("", *x0..=*x1).fill(color(*fill)));
                    // The label is drawn here, not by the Span, which cuts it to the band's
                    // width ("Skyg…"). Labels alternate between top and bottom: overlapping
                    // spans (the contract period covers the others) would otherwise collide.
                    let (y, anchor) = if span_index % 2 == 0 {
                        (y_max, Align2::CENTER_TOP)
                    } else {
                        (y_min, Align2::CENTER_BOTTOM)
                    };
                    let ink = plot_ui.ctx().global_style().visuals.text_color();
                    plot_ui.add(
                        Text::new(
                            "",
                            PlotPoint::new((x0 + x1) / 2.0, y),
                            egui::RichText::new(label).size(LABEL_SIZE),
                        )
                        .anchor(anchor)
                        .color(ink)
                        .allow_hover(false),
                    );
                    span_index += 1;
                }
                Mark::Text {
                    x,
                    y,
                    text,
                    anchor,
                    color: text_color,
                } => {
                    // A NaN x means "at the end of the axis" (e.g. "Ved ikke" beside the bars).
                    let (x, anchor) = if x.is_finite() {
                        (*x, align(*anchor))
                    } else {
                        (x_max, Align2::LEFT_CENTER)
                    };
                    plot_ui.add(
                        Text::new("", PlotPoint::new(x, *y), egui::RichText::new(text).size(LABEL_SIZE))
                            .anchor(anchor)
                            .color(color(*text_color))
                            .allow_hover(false),
                    );
                }
                Mark::HLine { y, color: line, label } => {
                    plot_ui.add(HLine::new(label.clone().unwrap_or_default(), *y).color(color(*line)));
                }
            }
        }
    });
}
