<?php
/**
 * The comment section on the site: <recovery-comments> in place of the theme's comments, on
 * classic themes (comments_template) and block themes (the Comments block), with WordPress's own
 * list and form inside it for readers without JavaScript.
 *
 * @package RecoveryComments
 */

namespace RecoveryComments;

defined( 'ABSPATH' ) || exit;

/** The script handle of the element's bundle. */
const SCRIPT_HANDLE = 'recovery-comments';

/**
 * Whether this post's comment section is ours: a singular view of a post that takes comments,
 * with comments open or with approved comments to show.
 *
 * @param \WP_Post|null $post The post being shown.
 * @return bool
 */
function replaces_comments( $post ) {
	if ( ! $post instanceof \WP_Post || ! is_singular() || ! post_type_supports( $post->post_type, 'comments' ) ) {
		return false;
	}
	if ( post_password_required( $post ) ) {
		return false;
	}
	return comments_open( $post ) || approved_count( $post->ID ) > 0;
}

/**
 * On comments_template: classic themes include our template instead of their comments.php.
 *
 * @param string $template The theme's comments template.
 * @return string
 */
function classic_template( $template ) {
	return replaces_comments( get_post() ) ? PLUGIN_DIR . 'templates/comments.php' : $template;
}

/**
 * On pre_render_block: the Comments block (and its legacy form) renders our section instead.
 *
 * @param string|null $pre_render   Null to let the block render itself.
 * @param array       $parsed_block The block.
 * @return string|null
 */
function block_section( $pre_render, $parsed_block ) {
	$name = isset( $parsed_block['blockName'] ) ? $parsed_block['blockName'] : '';
	if ( null !== $pre_render || ( 'core/comments' !== $name && 'core/post-comments' !== $name ) ) {
		return $pre_render;
	}
	// A Comments block in a template belongs to the post being viewed.
	$post = is_singular() ? get_post( get_queried_object_id() ) : null;
	return replaces_comments( $post ) ? section_html( $post ) : $pre_render;
}

/**
 * The section for a post: the element, configured from the plugin's and WordPress's settings,
 * holding WordPress's own comment list and form as light-DOM fallback (the element renders
 * its shadow DOM over it once its script runs; without JavaScript the fallback is the page).
 *
 * @param \WP_Post $post The post.
 * @return string HTML.
 */
function section_html( \WP_Post $post ) {
	enqueue_element();
	$settings   = settings();
	$attributes = array(
		'endpoint'      => rest_url( REST_NAMESPACE ),
		'thread'        => (string) $post->ID,
		'thread-title'  => html_entity_decode( wp_strip_all_tags( get_the_title( $post ) ), ENT_QUOTES | ENT_HTML5, 'UTF-8' ),
		'page-size'     => (string) $settings['page_size'],
		'max-depth'     => (string) max_depth( $settings ),
		'sort'          => 'desc' === get_option( 'comment_order' ) ? 'newest' : 'oldest',
		'lang'          => get_bloginfo( 'language' ),
		'theme'         => $settings['theme'],
		'require-email' => get_option( 'require_name_email' ) ? '' : null,
	);
	$html = '<recovery-comments id="comments"';
	foreach ( $attributes as $name => $value ) {
		if ( null !== $value ) {
			$html .= ' ' . $name . '="' . esc_attr( $value ) . '"';
		}
	}
	$html .= '>';
	$html .= $settings['keep_fallback'] ? fallback_html( $post ) : '<noscript>' . esc_html__( 'Comments need JavaScript.', 'recovery-comments' ) . '</noscript>';
	return $html . '</recovery-comments>';
}

/**
 * WordPress's own comment list and form for the post: approved comments only, no avatars (a
 * Gravatar URL carries a hash of the commenter's email, and is a request to a third party).
 *
 * @param \WP_Post $post The post.
 * @return string HTML.
 */
function fallback_html( \WP_Post $post ) {
	$comments = get_comments(
		array(
			'post_id' => $post->ID,
			'status'  => 'approve',
			'type'    => 'comment',
			'orderby' => array(
				'comment_date_gmt' => 'ASC',
				'comment_ID'       => 'ASC',
			),
		)
	);
	$count = count( $comments );
	$title = html_entity_decode( wp_strip_all_tags( get_the_title( $post ) ), ENT_QUOTES | ENT_HTML5, 'UTF-8' );
	$html  = '<div class="recovery-comments-fallback">';
	if ( $count > 0 ) {
		$html .= '<h2 class="comments-title">' . esc_html(
			sprintf(
				/* translators: 1: number of comments, 2: post title. */
				_n( '%1$s Response to “%2$s”', '%1$s Responses to “%2$s”', $count, 'recovery-comments' ),
				number_format_i18n( $count ),
				$title
			)
		) . '</h2>';
		$html .= '<ol class="comment-list">' . wp_list_comments(
			array(
				'style'             => 'ol',
				'avatar_size'       => 0,
				'max_depth'         => get_option( 'thread_comments' ) ? (int) get_option( 'thread_comments_depth' ) : -1,
				'reverse_top_level' => 'desc' === get_option( 'comment_order' ),
				'per_page'          => 0,
				'echo'              => false,
			),
			$comments
		) . '</ol>';
	}
	if ( comments_open( $post ) ) {
		ob_start();
		comment_form( array(), $post->ID );
		$html .= ob_get_clean();
	}
	return $html . '</div>';
}

/**
 * The element's max-depth: the plugin's setting, else WordPress's Discussion setting.
 *
 * @param array{max_depth: int} $settings The plugin's settings.
 * @return int
 */
function max_depth( array $settings ) {
	if ( $settings['max_depth'] > 0 ) {
		return $settings['max_depth'];
	}
	return get_option( 'thread_comments' ) ? max( 1, (int) get_option( 'thread_comments_depth' ) ) : 1;
}

/**
 * How many approved comments a post has.
 *
 * @param int $post_id Post ID.
 * @return int
 */
function approved_count( $post_id ) {
	return (int) get_comments(
		array(
			'post_id' => $post_id,
			'status'  => 'approve',
			'type'    => 'comment',
			'count'   => true,
		)
	);
}

/**
 * Loads the element's bundle on this page (in the footer; a module, so it never blocks).
 */
function enqueue_element() {
	wp_enqueue_script( SCRIPT_HANDLE, plugins_url( 'build/recovery-comments.js', PLUGIN_FILE ), array(), VERSION, true );
}

/**
 * On script_loader_tag: the bundle is an ES module (it loads its locales with import()).
 * WordPress 6.1 has no module API, so the tag is written here.
 *
 * @param string $tag    The tag WordPress made.
 * @param string $handle Its handle.
 * @param string $src    Its URL.
 * @return string
 */
function module_script_tag( $tag, $handle, $src ) {
	if ( SCRIPT_HANDLE !== $handle ) {
		return $tag;
	}
	return '<script type="module" src="' . esc_url( $src ) . '" id="' . esc_attr( SCRIPT_HANDLE ) . '-js"></script>' . "\n";
}
